namespace PatchDb.Embedder.Apis;

/// <summary>Body of /v1/verify: PDLF blobs (base64) of the query photo and of each candidate. Bound as bytes, not
/// strings: up to 64 blobs of about 110 KB each, which as strings were decoded a second time.</summary>
public sealed record VerifyRequest(byte[]? Query, byte[]?[]? Candidates);
