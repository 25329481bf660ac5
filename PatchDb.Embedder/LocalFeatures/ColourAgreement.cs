using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// How much of the region the inliers cover has the same colours in both photos once the homography lines them up.
/// Brand variants (orange and apple juice of one brand) share the logo and layout, so SIFT, which sees grey levels,
/// verifies them with as many inliers as the right design; their colours then disagree over much of the carton.
/// </summary>
public static class ColourAgreement
{
    private const int Samples = 16;

    /// <summary>|Δr| + |Δg| of chromaticity (0..255 each) below which two cells count as the same colour.</summary>
    public const int Tolerance = 15;

    /// <summary>The share (0..1) of a Samples × Samples lattice over the query inliers' bounding box whose chroma cell
    /// matches the candidate's cell under the homography, among the points that land inside the candidate; null when
    /// either side has no chroma grid or no point lands inside.</summary>
    public static double? Of(LocalFeatureSet query, LocalFeatureSet candidate, Homography queryToCandidate, float[] from, bool[] inliers)
    {
        if (query.Chroma is not { } q || candidate.Chroma is not { } c)
        {
            return null;
        }

        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        for (var i = 0; i < inliers.Length; i++)
        {
            if (inliers[i])
            {
                (x0, x1) = (Math.Min(x0, from[2 * i]), Math.Max(x1, from[2 * i]));
                (y0, y1) = (Math.Min(y0, from[2 * i + 1]), Math.Max(y1, from[2 * i + 1]));
            }
        }

        var pairs = new List<(int R, int G)>();
        for (var gy = 0; gy < Samples; gy++)
        {
            for (var gx = 0; gx < Samples; gx++)
            {
                var (px, py) = (x0 + (x1 - x0) * (gx + 0.5) / Samples, y0 + (y1 - y0) * (gy + 0.5) / Samples);
                var (cx, cy) = queryToCandidate.Apply(px, py);
                if (!double.IsFinite(cx) || !double.IsFinite(cy) || cx < 0 || cy < 0 || cx >= candidate.Width || cy >= candidate.Height)
                {
                    continue;
                }

                var a = q.At(px, py, query.Width, query.Height);
                var b = c.At(cx, cy, candidate.Width, candidate.Height);
                pairs.Add((a.R - b.R, a.G - b.G));
            }
        }

        if (pairs.Count == 0)
        {
            return null;
        }

        // Another light or white balance shifts every cell's chromaticity alike: the median shift is the cast, and
        // only what differs beyond it counts against the design.
        var castR = Median(pairs.Select(p => p.R));
        var castG = Median(pairs.Select(p => p.G));
        var agree = pairs.Count(p => Math.Abs(p.R - castR) + Math.Abs(p.G - castG) <= Tolerance);
        return agree / (double)pairs.Count;
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
