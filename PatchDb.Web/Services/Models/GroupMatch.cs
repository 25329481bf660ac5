namespace PatchDb.Web.Services.Models;

/// <summary>The best-matching photo of one group, with the group it belongs to.</summary>
public sealed record GroupMatch(Guid GroupId, string GroupName, bool IsFavorite, Guid Id, string Path, double Score);
