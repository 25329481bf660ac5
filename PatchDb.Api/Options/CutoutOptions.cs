using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

/// <summary>Configuration section "Cutouts": when a photo's cut-out is shown instead of its square.</summary>
public sealed class CutoutOptions
{
    public const string SectionName = "Cutouts";

    /// <summary>Segmentation confidence from which a cut-out is served (below, <c>cutout_path</c> is null and the Web
    /// falls back to the square). Chosen with the Embedder's <c>bench-cutouts</c> (docs/benchmarks.md).</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.6;
}
