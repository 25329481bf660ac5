namespace PatchDb.Embedder.Models.Classic;

/// <summary>Where classic-v1's segmentation puts the patch, in the photo's own pixels, and whether to trust it.</summary>
public static class PatchLocator
{
    /// <summary>
    /// An outline is trusted when this fraction of it lies on edges. Rendered patches (crisp merrowed borders) reach it in
    /// most photos; the real grocery photos (3-D cartons on shelves, no closed outline) mostly do not (bench-recall --learned
    /// prints both distributions).
    /// </summary>
    public const double MinSupport = 0.8;

    /// <summary>Outlines covering less of the photo than this are a detail, not the patch.</summary>
    public const double MinAreaFraction = 0.04;

    public static PatchLocation Locate(RgbImage image) => Locate(image, PatchSegmentation.Of(image));

    public static PatchLocation Locate(RgbImage image, PatchSegmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(segmentation);
        var mask = segmentation.Mask;
        double sx = image.Width / (double)mask.Width, sy = image.Height / (double)mask.Height;
        var outline = mask.Hull.Select(p => ((p.X + 0.5) * sx, (p.Y + 0.5) * sy)).ToList();
        var area = mask.Mask.Count(m => m) / (double)mask.Mask.Length;
        return new PatchLocation(outline, area, mask.Support, mask.Support >= MinSupport && area >= MinAreaFraction);
    }
}
