using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Finds the patch in a photo: models the background as a smooth colour surface fitted to the photo's border
/// (light gradients and vignettes are smooth), marks pixels that differ from it, keeps the largest region and
/// takes its convex hull (patches are near-convex, and the hull closes holes where the design matches the background).
/// </summary>
public static class PatchSegmenter
{
    public static double EdgeFactor = 3;
    public static double NoiseFactor = 2.5;
    public static double ColourFloor = 0.05;
    public static double OtsuFactor = 0.5;
    public static double EdgeFloor = 0.1;

    /// <summary>Segments <paramref name="fine"/> on a grid <paramref name="factor"/> times coarser.</summary>
    public static PatchMask Segment(PlanarImage fine, int factor)
    {
        var image = fine.Downscale(factor);
        var edges = fine.GradientEnergy(factor);
        int w = image.Width, h = image.Height;
        var border = Math.Max(2, Math.Min(w, h) / 32);
        var background = FitBackground(image, border);
        var distance = new float[w * h];
        for (var c = 0; c < 3; c++)
        {
            var plane = image.Plane(c);
            var bg = background[c];
            for (var i = 0; i < distance.Length; i++)
            {
                var d = plane[i] - bg[i];
                distance[i] += d * d;
            }
        }
        for (var i = 0; i < distance.Length; i++) distance[i] = MathF.Sqrt(distance[i]);
        distance = BoxBlur3(distance, w, h);

        var borderValues = new List<float>();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (IsBorder(x, y, w, h, border)) borderValues.Add(distance[y * w + x]);
        borderValues.Sort();
        var noise = borderValues[(int)(borderValues.Count * 0.9)];
        var threshold = (float)Math.Max(Math.Max(NoiseFactor * noise, ColourFloor), OtsuFactor * Otsu(distance));
        var borderEdges = new List<float>();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (IsBorder(x, y, w, h, border)) borderEdges.Add(edges[y * w + x]);
        borderEdges.Sort();
        var edgeThreshold = (float)Math.Max(EdgeFactor * borderEdges[borderEdges.Count / 2], EdgeFloor);

        // A pixel is patch if its colour is off the background model, or it lies on a sharp edge: the patch's
        // outline stays sharp even where its colours match the background, and the outline closes the region.
        var mask = new bool[w * h];
        for (var i = 0; i < mask.Length; i++) mask[i] = (UseColour && distance[i] > threshold) || (UseEdges && edges[i] > edgeThreshold);
        mask = UseColour ? BinaryMask.Open(mask, w, h, 1) : BinaryMask.Morph(mask, w, h, 1, false);
        mask = BestComponent(mask, edges, w, h);
        mask = BinaryMask.FillHoles(mask, w, h);
        var area = mask.Count(m => m);
        mask = BinaryMask.RemoveThinParts(mask, w, h, Math.Max(1, (int)(0.12 * Math.Sqrt(area))));
        var points = new List<(double X, double Y)>();
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (mask[y * w + x]) points.Add((x, y));
        if (points.Count < 0.005 * w * h) return PatchMask.WholeImage(w, h);
        var hull = ConvexHull.Compute(points);
        return new PatchMask(w, h, ConvexHull.Rasterise(hull, w, h), hull);
    }

    /// <summary>
    /// The component most likely to be the patch: large and in focus. Backgrounds that differ from the border model
    /// (a heavily blurred print behind the patch) are smooth, while the patch has sharp edges and thread texture.
    /// </summary>
    private static bool[] BestComponent(bool[] mask, float[] sharpness, int w, int h)
    {
        var label = BinaryMask.Label(mask, w, h, out var count);
        var area = new double[count + 1];
        var sharp = new double[count + 1];
        for (var i = 0; i < label.Length; i++)
        {
            area[label[i]]++;
            sharp[label[i]] += sharpness[i];
        }
        var sorted = (float[])sharpness.Clone();
        Array.Sort(sorted);
        var typical = Math.Max(sorted[sorted.Length / 2], 1e-4f);
        int best = 0;
        double bestScore = 0;
        for (var k = 1; k <= count; k++)
        {
            var ratio = Math.Min(sharp[k] / area[k] / typical, SharpnessCap);
            var score = area[k] * Math.Pow(ratio, SharpnessPower);
            if (score > bestScore) (best, bestScore) = (k, score);
        }
        var result = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++) result[i] = best != 0 && label[i] == best;
        return result;
    }

    public static bool UseEdges = true;
    public static bool UseColour = false;
    public static double SharpnessCap = 4;
    public static double SharpnessPower = 1;

    private static bool IsBorder(int x, int y, int w, int h, int border) =>
        x < border || y < border || x >= w - border || y >= h - border;

    private static float[][] FitBackground(PlanarImage image, int border)
    {
        int w = image.Width, h = image.Height;
        var result = new float[3][];
        var samples = new List<(float X, float Y, float V)>();
        for (var c = 0; c < 3; c++)
        {
            samples.Clear();
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    if (IsBorder(x, y, w, h, border)) samples.Add((Nx(x, w), Nx(y, h), image[c, x, y]));
            var coeffs = SurfaceFit.FitQuadratic(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(samples));
            var plane = new float[w * h];
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    plane[y * w + x] = (float)SurfaceFit.Evaluate(coeffs, Nx(x, w), Nx(y, h));
            result[c] = plane;
        }
        return result;

        static float Nx(int v, int n) => 2f * v / (n - 1) - 1f;
    }

    private static float[] BoxBlur3(float[] v, int w, int h)
    {
        var r = new float[v.Length];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                float s = 0;
                var n = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var yy = y + dy;
                    if (yy < 0 || yy >= h) continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var xx = x + dx;
                        if (xx < 0 || xx >= w) continue;
                        s += v[yy * w + xx];
                        n++;
                    }
                }
                r[y * w + x] = s / n;
            }
        }
        return r;
    }

    /// <summary>Otsu's threshold over a 256-bin histogram of the values.</summary>
    public static float Otsu(ReadOnlySpan<float> values)
    {
        var max = 1e-6f;
        foreach (var v in values) max = Math.Max(max, v);
        var hist = new double[256];
        foreach (var v in values) hist[Math.Min(255, (int)(v / max * 255))]++;
        double total = values.Length, sumAll = 0;
        for (var i = 0; i < 256; i++) sumAll += i * hist[i];
        double wB = 0, sumB = 0, best = -1;
        var bestT = 0;
        for (var t = 0; t < 256; t++)
        {
            wB += hist[t];
            if (wB == 0) continue;
            var wF = total - wB;
            if (wF == 0) break;
            sumB += t * hist[t];
            var mB = sumB / wB;
            var mF = (sumAll - sumB) / wF;
            var between = wB * wF * (mB - mF) * (mB - mF);
            if (between > best) (best, bestT) = (between, t);
        }
        return (bestT + 0.5f) / 255f * max;
    }
}
