using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Apis;

/// <summary>The inlier count (as /v1/verify gives it) and the inlier pairs, best-fitting first, in the square
/// derivatives' frame (0..1).</summary>
public sealed record EvidenceResponse(int Inliers, IReadOnlyList<Correspondence> Correspondences);
