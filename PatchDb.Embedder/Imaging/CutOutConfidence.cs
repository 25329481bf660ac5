using OpenCvSharp;

namespace PatchDb.Embedder.Imaging;

/// <summary>
/// How sure the cut-out is, 0..1: a patch's outline lies on pixel edges all round, separates colours that differ
/// (<see cref="CutOutContrast"/>), does not run along the photo's frame (a patch cut off by it, or a background texture
/// filling the photo), and encloses a plausible share of it.
/// </summary>
internal static class CutOutConfidence
{
    /// <summary>Points of a snapped rectangle within this many cells of an edge pixel are on an edge.</summary>
    private const double SnappedReachCells = 1.5;

    /// <summary>The segmenter's own outline lies up to two cells outside the edge it follows (pooling and dilation).</summary>
    private const double OutlineReachCells = 2.5;

    /// <param name="cut">The polygon the cut runs along (its support on edges is measured).</param>
    /// <param name="hull">The segmenter's outline (its area is measured).</param>
    public static double Score(Point2f[] cut, Point2f[] hull, Mat edges, Mat blurredRgb, int width, int height, double cell)
    {
        var reach = (cut == hull ? OutlineReachCells : SnappedReachCells) * cell;
        var samples = Sample(cut, 2);
        if (samples.Count == 0)
        {
            return 0;
        }

        using var inverted = new Mat();
        Cv2.BitwiseNot(edges, inverted);
        using var distance = new Mat();
        Cv2.DistanceTransform(inverted, distance, DistanceTypes.L2, DistanceTransformMasks.Mask3);
        int onEdge = 0, onFrame = 0;
        var frame = 1.5 * cell;
        foreach (var p in samples)
        {
            int x = Math.Clamp((int)Math.Round(p.X), 0, width - 1), y = Math.Clamp((int)Math.Round(p.Y), 0, height - 1);
            if (distance.At<float>(y, x) <= reach) onEdge++;
            if (p.X < frame || p.Y < frame || p.X > width - 1 - frame || p.Y > height - 1 - frame) onFrame++;
        }

        var support = onEdge / (double)samples.Count;
        var frameShare = onFrame / (double)samples.Count;
        var area = Math.Abs(Cv2.ContourArea(hull)) / ((double)width * height);
        var areaScore = Ramp(area, 0.03, 0.10) * (1 - Ramp(area, 0.92, 0.99));
        var frameScore = 1 - Ramp(frameShare, 0.05, 0.30);
        var supportScore = Ramp(support, 0.5, 0.9);
        // The segmenter's outline sits a cell or two outside the border: look further in than out.
        var contrast = cut == hull
            ? CutOutContrast.Share(cut, blurredRgb, 3.5 * cell, 1.0 * cell)
            : CutOutContrast.Share(cut, blurredRgb, 1.5 * cell, 1.5 * cell);
        var contrastScore = Ramp(contrast, 0.3, 0.7);
        return Math.Clamp(supportScore * contrastScore * frameScore * areaScore, 0, 1);
    }

    /// <summary>0 below <paramref name="low"/>, 1 above <paramref name="high"/>, linear between.</summary>
    private static double Ramp(double value, double low, double high) => Math.Clamp((value - low) / (high - low), 0, 1);

    private static List<Point2f> Sample(Point2f[] polygon, double step)
    {
        var result = new List<Point2f>();
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            var length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            for (var t = 0.0; t < length; t += step)
            {
                result.Add(new Point2f((float)(a.X + (b.X - a.X) * t / length), (float)(a.Y + (b.Y - a.Y) * t / length)));
            }
        }

        return result;
    }
}
