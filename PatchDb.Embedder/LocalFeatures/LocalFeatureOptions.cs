namespace PatchDb.Embedder.LocalFeatures;

/// <summary>Configuration section "Embedder:LocalFeatures": SIFT features and their geometric verification.</summary>
public sealed class LocalFeatureOptions
{
    public const string SectionName = "Embedder:LocalFeatures";

    /// <summary>Compute features in /v1/analyze; off, the answer's local_features is null.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Strongest keypoints kept per image.</summary>
    public int MaxFeatures { get; set; } = 800;

    /// <summary>Lowe's ratio: a match counts when its distance is below Ratio × the second-best distance.</summary>
    public double Ratio { get; set; } = 0.8;

    /// <summary>RANSAC inlier threshold, in pixels of the candidate image.</summary>
    public double ReprojectionPixels { get; set; } = 4.0;

    /// <summary>Most candidates one /v1/verify call may compare.</summary>
    public int MaxCandidates { get; set; } = 64;

    public bool IsValid() =>
        MaxFeatures is >= 10 and <= LocalFeatureSet.MaxCount
        && Ratio is > 0 and <= 1
        && ReprojectionPixels is > 0 and <= 50
        && MaxCandidates is >= 1 and <= 1024;
}
