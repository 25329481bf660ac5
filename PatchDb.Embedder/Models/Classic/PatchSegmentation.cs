using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>classic-v1's segmentation of one photo (the fine plane it ran on and the mask it found), computed once per
/// analysis and shared by the outline the response describes and the cut-out.</summary>
public sealed record PatchSegmentation(PlanarImage Fine, PatchMask Mask)
{
    public static PatchSegmentation Of(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var fine = PlanarImage.FromRgb(image, ClassicDescriptor.FineSide);
        return new PatchSegmentation(fine, PatchSegmenter.Segment(fine, ClassicDescriptor.SegmentationFactor));
    }
}
