using System.Text.Json.Serialization;

namespace PatchDb.Web.Services.Models;

/// <param name="Status">"analyzed", or "pending" while the Api waits for the Embedder (matches are then empty).</param>
public sealed record UploadResponse(
    IReadOnlyList<GroupMatch> Matches,
    PatchImage Patch,
    IReadOnlyList<ImageMatch> UngroupedMatches,
    string? Status = null)
{
    /// <summary>The next best groups below the Api's match threshold (not matches); empty from Apis without them.</summary>
    public IReadOnlyList<GroupMatch> Candidates { get; init; } = [];

    public bool IsPending => string.Equals(Status, "pending", StringComparison.OrdinalIgnoreCase);

    /// <summary>The analysis finished after the upload, and the Api offers no way to ask for its matches.</summary>
    [JsonIgnore]
    public bool MatchesUnavailable { get; init; }
}
