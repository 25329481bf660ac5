namespace PatchDb.Benchmarks.Import;

/// <summary>One photo's way through the import: its key, the id the Api gave it, and what it took.</summary>
public sealed record ImportUpload(int Index, string IdempotencyKey, string PatchId, TimeSpan Latency, int Attempts, int RateLimited,
    bool Pending, string? ReplayPatchId);
