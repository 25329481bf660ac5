using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Samples the patch on a polar grid in its moment-normalised frame (unit disc ≈ the patch), with white balance and
/// exposure normalised over the patch's own pixels: per-channel grey-world gain in linear light, then L* stretched
/// between its robust black and white points among the patch samples (invariant to exposure and contrast).
/// </summary>
public static class PolarSampler
{
    public const int Rings = 6;
    public const int Sectors = 32;

    /// <summary>In unit-disc units: a moment-normalised square's corners lie at ≈ 1.22.</summary>
    public const double MaxRadius = 1.25;

    /// <summary>L* is stretched between these percentiles of the patch samples (robust black and white points).</summary>
    private const float StretchPercentile = 0.02f;

    /// <summary>In L* units: a smaller spread is treated as a uniform patch, not stretched further.</summary>
    private const float MinLightnessSpan = 10f;

    /// <summary>Samples per cell along each polar axis.</summary>
    private const int Sub = 3;

    /// <summary>Per cell: (L, a, b, coverage), with L, a, b already multiplied by coverage. Index [ring, sector, channel].</summary>
    public static float[,,] Sample(PlanarImage image, PatchMask mask, double maskScale)
    {
        var m = ShapeMoments.FromMask(mask.Mask, mask.Width, mask.Height);
        var (a, b, c, d) = m.UnitDiscMap();
        // Sector 0 starts on the shape's major axis (the map keeps its direction), so even harmonics are invariant too.
        var axis = m.Axes().Angle;
        var count = Rings * Sectors * Sub * Sub;
        var rgb = new float[count * 3];
        var inside = new bool[count];
        var i = 0;
        for (var ring = 0; ring < Rings; ring++)
        for (var sector = 0; sector < Sectors; sector++)
        for (var sr = 0; sr < Sub; sr++)
        for (var sa = 0; sa < Sub; sa++, i++)
        {
            var r = MaxRadius * (ring + (sr + 0.5) / Sub) / Rings;
            var t = axis + 2 * Math.PI * (sector + (sa + 0.5) / Sub) / Sectors;
            double u = r * Math.Cos(t), v = r * Math.Sin(t);
            double mx = m.Cx + a * u + b * v, my = m.Cy + c * u + d * v;
            int ix = (int)Math.Round(mx), iy = (int)Math.Round(my);
            inside[i] = ix >= 0 && iy >= 0 && ix < mask.Width && iy < mask.Height && mask.Mask[iy * mask.Width + ix];
            var px = (float)((mx + 0.5) * maskScale - 0.5);
            var py = (float)((my + 0.5) * maskScale - 0.5);
            for (var ch = 0; ch < 3; ch++) rgb[i * 3 + ch] = ColorSpace.SrgbToLinear(image.Sample(ch, px, py));
        }
        var lab = NormaliseColour(rgb, inside);
        var cells = new float[Rings, Sectors, 4];
        const float perCell = 1f / (Sub * Sub);
        i = 0;
        for (var ring = 0; ring < Rings; ring++)
        for (var sector = 0; sector < Sectors; sector++)
        for (var k = 0; k < Sub * Sub; k++, i++)
        {
            if (!inside[i]) continue;
            cells[ring, sector, 0] += lab[i * 3] * perCell;
            cells[ring, sector, 1] += lab[i * 3 + 1] * perCell;
            cells[ring, sector, 2] += lab[i * 3 + 2] * perCell;
            cells[ring, sector, 3] += perCell;
        }
        return cells;
    }

    /// <summary>Grey-world gains over the patch samples, then L*a*b*, L* stretched to -0.5..0.5, a* b* scaled to ~±0.5.</summary>
    private static float[] NormaliseColour(float[] rgb, bool[] inside)
    {
        Span<double> mean = stackalloc double[3];
        var n = 0;
        for (var i = 0; i < inside.Length; i++)
        {
            if (!inside[i]) continue;
            n++;
            for (var ch = 0; ch < 3; ch++) mean[ch] += rgb[i * 3 + ch];
        }
        Span<float> gain = stackalloc float[3];
        for (var ch = 0; ch < 3; ch++) gain[ch] = n == 0 ? 1f : (float)(0.2 / Math.Max(mean[ch] / n, 1e-4));
        var lab = new float[rgb.Length];
        var lValues = new List<(float L, int I)>(n);
        for (var i = 0; i < inside.Length; i++)
        {
            if (!inside[i]) continue;
            var (l, la, lb) = ColorSpace.LinearToLab(rgb[i * 3] * gain[0], rgb[i * 3 + 1] * gain[1], rgb[i * 3 + 2] * gain[2]);
            lab[i * 3 + 1] = la / 100f;
            lab[i * 3 + 2] = lb / 100f;
            lValues.Add((l, i));
        }
        lValues.Sort((x, y) => x.L != y.L ? x.L.CompareTo(y.L) : x.I.CompareTo(y.I));
        if (lValues.Count > 0)
        {
            // Robust min and max (2nd and 98th percentile) rather than ranks: ranks spread a flat white field over
            // the full range by its shading and noise, a stretch leaves it flat. The span floor keeps a
            // near-uniform patch from turning noise into contrast.
            var lo = lValues[(int)(StretchPercentile * (lValues.Count - 1))].L;
            var hi = lValues[(int)((1 - StretchPercentile) * (lValues.Count - 1))].L;
            var span = Math.Max(hi - lo, MinLightnessSpan);
            foreach (var (l, index) in lValues) lab[index * 3] = Math.Clamp((l - lo) / span, 0f, 1f) - 0.5f;
        }
        return lab;
    }
}
