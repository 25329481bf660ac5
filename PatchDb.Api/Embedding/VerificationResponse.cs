namespace PatchDb.Api.Embedding;

/// <summary>The Embedder's <c>/v1/verify</c> answer: RANSAC homography inliers per candidate, in request order.</summary>
public sealed record VerificationResponse(int[] Inliers);
