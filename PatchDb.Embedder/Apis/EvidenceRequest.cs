namespace PatchDb.Embedder.Apis;

/// <summary>Body of /v1/verify/evidence: PDLF blobs (base64) of the query and of one candidate, and how many
/// inlier pairs to return at most (default and cap 200). Blobs are bound as bytes, as in <see cref="VerifyRequest"/>.</summary>
public sealed record EvidenceRequest(byte[]? Query, byte[]? Candidate, int? MaxPairs = null);
