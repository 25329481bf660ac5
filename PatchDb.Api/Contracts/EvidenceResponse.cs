namespace PatchDb.Api.Contracts;

/// <summary>Why a photo matches a group (or does not): the group's best photo for it, the verification's inlier pairs
/// (<see cref="Correspondences"/>, at most 200, in the square derivatives' frame), the score and what it means in words.</summary>
public sealed record EvidenceResponse(
    Guid PatchId,
    Guid GroupId,
    Guid GroupImageId,
    bool Verified,
    int Inliers,
    double Score,
    string Summary,
    string QueryPath,
    string GroupImagePath,
    IReadOnlyList<CorrespondenceResponse> Correspondences);
