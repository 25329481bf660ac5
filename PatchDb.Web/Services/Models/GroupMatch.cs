namespace PatchDb.Web.Services.Models;

/// <summary>The best-matching photo of one group, with the group it belongs to. <c>Verified</c>: geometric
/// verification confirmed it (with <c>Inliers</c> matching details); Apis before it read as unverified.</summary>
public sealed record GroupMatch(Guid GroupId, string GroupName, bool IsFavorite, Guid Id, string Path, double Score,
    bool Verified = false, int? Inliers = null, string? CutoutPath = null);
