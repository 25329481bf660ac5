using PatchDb.Api.Contracts;

namespace PatchDb.Api.Embedding;

/// <summary>The Embedder's <c>/v1/verify/evidence</c> answer: the inlier count and the inlier pairs (square frame, 0..1).</summary>
public sealed record EvidenceAnswer(int Inliers, CorrespondenceResponse[] Correspondences);
