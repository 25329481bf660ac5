namespace PatchDb.Embedder.Apis;

/// <summary>Body of /v1/verify/evidence: PDLF blobs (base64) of the query and of one candidate, and how many
/// inlier pairs to return at most (default and cap 200).</summary>
public sealed record EvidenceRequest(string? Query, string? Candidate, int? MaxPairs = null);
