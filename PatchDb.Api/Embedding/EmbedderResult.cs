namespace PatchDb.Api.Embedding;

/// <param name="StatusCode">The Embedder's HTTP status when it answered, else null.</param>
/// <param name="Detail">A human-readable reason for any outcome but success.</param>
public sealed record EmbedderResult<T>(EmbedderOutcome Outcome, T? Value, int? StatusCode, string? Detail)
    where T : class;
