using System.Runtime.CompilerServices;
using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>classic-v1's segmentation of one photo (the fine plane it ran on and the mask it found), computed once per
/// image and shared by the descriptor, the outline the response describes and the cut-out.</summary>
public sealed record PatchSegmentation(PlanarImage Fine, PatchMask Mask)
{
    // Keyed by the image object, weakly: the descriptor (on the batcher's thread) and the analysis (on the request's)
    // ask for the same photo's segmentation at about the same time; the first computes it and the other waits for it.
    private static readonly ConditionalWeakTable<RgbImage, Lazy<PatchSegmentation>> s_computed = new();

    public static PatchSegmentation Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return s_computed.GetValue(image, i => new Lazy<PatchSegmentation>(() => Compute(i))).Value;
    }

    private static PatchSegmentation Compute(RgbImage image)
    {
        var fine = PlanarImage.FromRgb(image, ClassicDescriptor.FineSide);
        return new PatchSegmentation(fine, PatchSegmenter.Segment(fine, ClassicDescriptor.SegmentationFactor));
    }
}
