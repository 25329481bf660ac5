namespace PatchDb.Web.Services.Models;

public sealed record UploadResponse(
    IReadOnlyList<GroupMatch> Matches,
    PatchImage Patch,
    IReadOnlyList<ImageMatch> UngroupedMatches,
    string? Status = null)
{
    public bool IsPending => string.Equals(Status, "pending", StringComparison.OrdinalIgnoreCase);
}
