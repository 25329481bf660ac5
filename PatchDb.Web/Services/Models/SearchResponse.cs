namespace PatchDb.Web.Services.Models;

public sealed record SearchResponse(IReadOnlyList<SearchHit> Results);
