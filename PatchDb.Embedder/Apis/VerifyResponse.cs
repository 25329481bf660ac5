namespace PatchDb.Embedder.Apis;

/// <summary>RANSAC homography inliers of each candidate against the query, in the request's candidate order; when the
/// request labelled the candidates' designs, also the inliers that tell each candidate's design from the others
/// (<see cref="LocalFeatures.DistinctiveInliers"/>), else null.</summary>
public sealed record VerifyResponse(int[] Inliers, int[]? Distinctive = null);
