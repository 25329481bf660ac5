namespace PatchDb.Web.Services.Models;

/// <summary>Why a photo matched a group: the verified correspondences between the photo's square and the group's
/// best photo's square (both 512 px), coordinates 0..1.</summary>
public sealed record Evidence(
    Guid PatchId,
    Guid GroupId,
    Guid GroupImageId,
    bool Verified,
    int Inliers,
    double Score,
    string Summary,
    string QueryPath,
    string GroupImagePath,
    IReadOnlyList<Correspondence> Correspondences);
