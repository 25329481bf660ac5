namespace PatchDb.Api.Contracts;

/// <param name="Status">"analyzed", or "pending" while the Embedder is unavailable (matches are then empty).</param>
public sealed record UploadResponse(
    IReadOnlyList<GroupMatchResponse> Matches,
    ImageRefResponse Patch,
    IReadOnlyList<ImageMatchResponse> UngroupedMatches,
    string Status);
