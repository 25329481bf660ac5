namespace PatchDb.Web.Services.Models;

public sealed record SearchHit(long Id, string Path, double Score, long? GroupId = null, string? GroupName = null);
