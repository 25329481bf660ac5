using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services.Import;

public static class ImportDecision
{
    /// <summary>
    /// The group to file a photo into without asking: the top match (the Api lists only groups at or above its
    /// threshold as matches, best first) and only when geometric verification confirmed it. Anything else is reviewed.
    /// </summary>
    public static GroupMatch? ConfirmedMatch(UploadResponse result) =>
        !result.IsPending && result.Matches.Count > 0 && result.Matches.MaxBy(m => m.Score) is { Verified: true } best ? best : null;
}
