namespace PatchDb.Api.Embedding;

/// <summary>The Embedder's <c>/v1/verify</c> answer: RANSAC homography inliers per candidate, in request order, and
/// when the request gave the candidates' groups, the inliers distinctive of each one's group.</summary>
public sealed record VerificationResponse(int[] Inliers, int[]? Distinctive = null);
