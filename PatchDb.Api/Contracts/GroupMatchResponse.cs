namespace PatchDb.Api.Contracts;

/// <summary>The best-matching image of a group; <c>id</c> and <c>path</c> are that image's. Appended later:
/// <paramref name="Verified"/> (geometric verification confirmed it), <paramref name="Inliers"/> (its homography inlier
/// count, null when it was not verified) and <paramref name="CutoutPath"/> (that image's confident cut-out, else null).</summary>
public sealed record GroupMatchResponse(Guid GroupId, string GroupName, bool IsFavorite, Guid Id, string Path, double Score,
    bool Verified = false, int? Inliers = null, string? CutoutPath = null);
