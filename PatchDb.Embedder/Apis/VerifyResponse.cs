namespace PatchDb.Embedder.Apis;

/// <summary>RANSAC homography inliers of each candidate against the query, in the request's candidate order.</summary>
public sealed record VerifyResponse(int[] Inliers);
