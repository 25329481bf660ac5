namespace PatchDb.Web.Services.Models;

/// <summary>The best-matching photo of one group, with the group it belongs to.</summary>
public sealed record GroupMatch(long GroupId, string GroupName, bool IsFavorite, long Id, string Path, double Score);
