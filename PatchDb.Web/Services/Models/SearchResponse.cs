namespace PatchDb.Web.Services.Models;

public sealed record SearchResponse(IReadOnlyList<GroupMatch> Matches, IReadOnlyList<ImageMatch> UngroupedMatches, string? ModelId);
