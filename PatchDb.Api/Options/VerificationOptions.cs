using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

/// <summary>
/// Geometric verification of the shortlist (docs/classic-v1.md, "Verification"): the query's local features are
/// matched against the best images of the top groups by the Embedder, and a homography with many inliers is evidence
/// of the same design that a low global similarity (a poorly segmented photo) cannot give.
/// </summary>
public sealed class VerificationOptions
{
    public const string SectionName = "Recognition:Verification";

    public bool Enabled { get; set; } = true;

    /// <summary>Count only the inliers that tell a candidate's group from the other verified groups (the Embedder's
    /// design ratio test, docs/benchmarks.md "Distinctive inliers"); off, every inlier counts for every group it verifies.</summary>
    public bool DistinctiveInliers { get; set; } = true;

    /// <summary>Candidates below this cosine similarity are not verified: global and local evidence must agree a little.</summary>
    [Range(-1.0, 1.0)]
    public double MinCosine { get; set; } = 0.80;

    /// <summary>How many groups (by their best cosine) are verified.</summary>
    [Range(1, 20)]
    public int Groups { get; set; } = 5;

    /// <summary>How many more groups each auxiliary embedding (<see cref="RecognitionOptions.AuxiliaryModels"/>)
    /// shortlists and has verified when the shortlist does not have them already.</summary>
    [Range(0, 20)]
    public int AuxiliaryGroups { get; set; } = 5;

    /// <summary>How many of each auxiliary group's images (its most similar ones by that embedding) are verified. With
    /// both auxiliary embeddings on, 4 groups of 2 each keep an upload's verification near the 35 pairs of one with 5
    /// groups of 3 (docs/benchmarks.md, "Visual words").</summary>
    [Range(1, 10)]
    public int AuxiliaryImagesPerGroup { get; set; } = 3;

    /// <summary>How many of each group's images (its most similar ones) are verified.</summary>
    [Range(1, 10)]
    public int ImagesPerGroup { get; set; } = 3;

    /// <summary>How many ungrouped images are verified.</summary>
    [Range(0, 20)]
    public int Ungrouped { get; set; } = 5;

    /// <summary>The (colour-weighed) inlier count that scores 0.5, calibrated on the gallery photos of both benchmark
    /// splits (docs/benchmarks.md, "Colour-consistent verification"); 14 before the Embedder weighed inliers by colour.</summary>
    [Range(1.0, 1000.0)]
    public double InlierCenter { get; set; } = 10;

    /// <summary>How many inliers move the score from 0.5 to about 0.73 (one logistic unit).</summary>
    [Range(0.1, 100.0)]
    public double InlierWidth { get; set; } = 3;

    /// <summary>How many times the runner-up group's inliers a verified group needs for its verification to make it a
    /// match (gallery-calibrated, docs/benchmarks.md); 1 turns the rule off.</summary>
    [Range(1.0, 10.0)]
    public double MinInlierLead { get; set; } = 1.3;

    /// <summary>The score of a verified candidate: 0.5 at <see cref="InlierCenter"/> inliers.</summary>
    public double Score(int inliers) => 1 / (1 + Math.Exp(-(inliers - InlierCenter) / InlierWidth));
}
