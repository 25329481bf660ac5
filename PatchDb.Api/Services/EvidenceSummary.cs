namespace PatchDb.Api.Services;

/// <summary>What a score means, in the words a collector reads under the two photos.</summary>
public static class EvidenceSummary
{
    public static string Describe(bool verified, int inliers, double score, double threshold) => (verified, score >= threshold) switch
    {
        (true, _) => $"Confirmed by {inliers} matching {(inliers == 1 ? "detail" : "details")}",
        (false, true) => "Similar colours and layout, not confirmed",
        _ when score >= threshold / 2 => inliers > 0
            ? $"Somewhat similar colours and layout, only {inliers} matching {(inliers == 1 ? "detail" : "details")}: not confirmed"
            : "Somewhat similar colours and layout, not confirmed",
        _ => "Different colours and layout, no matching details",
    };
}
