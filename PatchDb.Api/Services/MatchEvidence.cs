namespace PatchDb.Api.Services;

/// <summary>What the presenter adds to scores: each verified image's inlier count, the count from which verification
/// confirms a match, and the confidence from which a cut-out is shown.</summary>
public sealed record MatchEvidence(IReadOnlyDictionary<Guid, int> Inliers, double ConfirmingInliers, double MinCutoutConfidence)
{
    public static readonly MatchEvidence None = new(new Dictionary<Guid, int>(), double.PositiveInfinity, 1.0);

    public bool Verified(Guid imageId) => Inliers.TryGetValue(imageId, out var count) && count >= ConfirmingInliers;

    public int? InliersOf(Guid imageId) => Inliers.TryGetValue(imageId, out var count) ? count : null;
}
