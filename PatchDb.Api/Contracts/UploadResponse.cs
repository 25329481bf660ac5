namespace PatchDb.Api.Contracts;

/// <param name="Matches">Groups at or above the decision threshold, best first.</param>
/// <param name="Status">"analyzed", or "pending" while the Embedder is unavailable (matches are then empty).</param>
/// <param name="Candidates">The next best groups, below the threshold (not matches), best first; added after the
/// original API's three fields, so its clients are unaffected.</param>
/// <param name="PatchRegion">Which part of the photo was the query; null until analysed, and for photos analysed
/// before regions were stored. Added last, like <paramref name="Candidates"/>.</param>
public sealed record UploadResponse(
    IReadOnlyList<GroupMatchResponse> Matches,
    ImageRefResponse Patch,
    IReadOnlyList<ImageMatchResponse> UngroupedMatches,
    string Status,
    IReadOnlyList<GroupMatchResponse> Candidates,
    PatchRegionResponse? PatchRegion = null)
{
    public static UploadResponse Unmatched(ImageRefResponse patch, string status, PatchRegionResponse? region = null) =>
        new([], patch, [], status, [], region);
}
