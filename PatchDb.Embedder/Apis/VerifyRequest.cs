namespace PatchDb.Embedder.Apis;

/// <summary>Body of /v1/verify: PDLF blobs (base64) of the query photo and of each candidate. Bound as bytes, not
/// strings: up to 64 blobs of about 110 KB each, which as strings were decoded a second time. Designs, when given,
/// labels each candidate's design (the Api's group; null for a photo in no group), one per candidate: an inlier then
/// counts only when it tells its candidate's design from the others given.</summary>
public sealed record VerifyRequest(byte[]? Query, byte[]?[]? Candidates, string?[]? Designs = null);
