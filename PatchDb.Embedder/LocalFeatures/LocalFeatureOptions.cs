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

    /// <summary>Across designs (<see cref="DistinctiveInliers"/>): an inlier counts for a candidate's design when its query
    /// feature's nearest descriptor there is nearer than DesignRatio × its nearest in any other design given. 0.8 is
    /// Lowe's value, as <see cref="Ratio"/>, not tuned; 0.7 and 0.9 are measured in docs/benchmarks.md ("Distinctive
    /// inliers").</summary>
    public double DesignRatio { get; set; } = 0.8;

    /// <summary>Most candidates one /v1/verify call may compare.</summary>
    public int MaxCandidates { get; set; } = 64;

    public bool IsValid() =>
        MaxFeatures is >= 10 and <= LocalFeatureSet.MaxCount
        && Ratio is > 0 and <= 1
        && DesignRatio is > 0 and <= 1
        && ReprojectionPixels is > 0 and <= 50
        && MaxCandidates is >= 1 and <= 1024;
}
