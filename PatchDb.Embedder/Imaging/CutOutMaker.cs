using OpenCvSharp;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Imaging;

/// <summary>
/// Cuts the patch out of a photo: the classic segmenter's outline (the same one classic-v1 describes), a quadrilateral
/// fitted to it and snapped to the photo's edges, a perspective warp to a flat upright rectangle, and alpha from the
/// outline, so a round or shield-shaped patch keeps its shape. Needs OpenCV's native library.
/// </summary>
public static class CutOutMaker
{
    private const int WebPQuality = 82;

    /// <summary>As <see cref="TryMake"/>, and null where OpenCV fails: a cut-out only decorates an analysis.</summary>
    public static CutOut? TryMakeOrNull(RgbImage image, PatchSegmentation? segmentation = null)
    {
        try
        {
            using var activity = Services.EmbedderTelemetry.ActivitySource.StartActivity("cut-out");
            return TryMake(image, segmentation ?? PatchSegmentation.Of(image));
        }
        catch (OpenCvSharpException)
        {
            return null;
        }
    }

    /// <summary>The cut-out of <paramref name="image"/>, or null when the segmenter found no outline at all.</summary>
    public static CutOut? TryMake(RgbImage image) => TryMake(image, PatchSegmentation.Of(image));

    /// <summary>As <see cref="TryMake(RgbImage)"/>, from a segmentation of <paramref name="image"/> already made.</summary>
    public static CutOut? TryMake(RgbImage image, PatchSegmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var (fine, mask) = segmentation;
        if (mask.Mask.All(m => m))
        {
            return null;
        }

        // Cell centres in pixels of the image: the segmenter pooled FromRgb's factor × SegmentationFactor pixels a cell.
        var cell = Math.Round((double)image.Width / fine.Width) * ClassicDescriptor.SegmentationFactor;
        var hull = mask.Hull.Select(p => new Point2f((float)((p.X + 0.5) * cell), (float)((p.Y + 0.5) * cell))).ToArray();
        using var rgb = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC3, image.Pixels, image.Stride);
        using var gray = new Mat();
        Cv2.CvtColor(rgb, gray, ColorConversionCodes.RGB2GRAY);
        using var edges = CutOutEdges.Detect(gray);
        var quad = CutOutQuad.Fit(hull, edges, cell);
        // A rectangle's snapped sides are what is cut: they must lie on edges. Any other shape is cut along its outline.
        using var blurred = new Mat();
        Cv2.GaussianBlur(rgb, blurred, new Size(5, 5), 1.5);
        var confidence = CutOutConfidence.Score(quad.IsRectangle ? quad.Corners : hull, hull, edges, blurred, image.Width, image.Height, cell);
        var (webp, width, height) = Rectify(rgb, hull, quad.Corners);
        return new CutOut(webp, width, height, Math.Round(confidence, 4), [.. quad.Corners.Select(p => ((double)p.X, (double)p.Y))]);
    }

    /// <summary>Warps the quadrilateral onto a rectangle of its mean side lengths; alpha is the outline, warped alike.</summary>
    private static (byte[] Webp, int Width, int Height) Rectify(Mat rgb, Point2f[] hull, Point2f[] quad)
    {
        var width = Math.Max(8, (int)Math.Round((Distance(quad[0], quad[1]) + Distance(quad[3], quad[2])) / 2));
        var height = Math.Max(8, (int)Math.Round((Distance(quad[0], quad[3]) + Distance(quad[1], quad[2])) / 2));
        Point2f[] target = [new(0, 0), new(width, 0), new(width, height), new(0, height)];
        using var transform = Cv2.GetPerspectiveTransform(quad, target);
        using var flat = new Mat();
        Cv2.WarpPerspective(rgb, flat, transform, new Size(width, height), InterpolationFlags.Linear, BorderTypes.Replicate);
        var outline = Cv2.PerspectiveTransform(hull, transform);
        using var alpha = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        Cv2.FillPoly(alpha, [outline.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y)))], Scalar.All(255), LineTypes.AntiAlias);
        using var rgba = new Mat();
        Cv2.Merge([.. Cv2.Split(flat), alpha], rgba);
        return (CutOutEncoder.WebP(rgba, WebPQuality), width, height);
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
