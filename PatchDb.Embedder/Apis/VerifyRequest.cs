namespace PatchDb.Embedder.Apis;

/// <summary>Body of /v1/verify: PDLF blobs (base64) of the query photo and of each candidate.</summary>
public sealed record VerifyRequest(string? Query, string?[]? Candidates);
