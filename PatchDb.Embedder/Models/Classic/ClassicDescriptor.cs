using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// The classic-v1 pipeline: segment, moment-normalise, sample a polar colour grid, rotation-invariant blocks.
/// The cosine of two vectors is the weighted mean of the blocks' own cosines (weights² / Σ weights²).
/// </summary>
public static class ClassicDescriptor
{
    public const int FineSide = 512;
    public const int SegmentationFactor = 4;
    public const int WorkingSide = 256;

    // Block weights, chosen on the public split's recall and hold-out decision accuracy (see docs/classic-v1.md):
    // ring spectra magnitudes are the most robust evidence, the phase-carrying blocks the most discriminating.
    private const float MagnitudeWeight = 5;
    private const float RingCrossWeight = 1;
    private const float ChannelCrossWeight = 1;
    private const float AxisWeight = 1;

    // Colour content irrespective of place: anything from 1 to 4 helped on the public split (docs/classic-v1.md).
    private const float HistogramWeight = 3;

    public static float[] Compute(RgbImage image)
    {
        var (fine, mask) = PatchSegmentation.Of(image);
        var working = fine.Downscale(FineSide / WorkingSide);
        var scale = SegmentationFactor / (double)(FineSide / WorkingSide);
        var cells = PolarSampler.Sample(working, mask, scale);
        var f = InvariantFeatures.Spectrum(cells);

        var blocks = new List<(List<float> Values, float Weight)>();
        var magnitudes = new List<float>();
        InvariantFeatures.Magnitudes(f, magnitudes);
        blocks.Add((magnitudes, MagnitudeWeight));

        var rings = new List<float>();
        for (var r = 0; r + 1 < PolarSampler.Rings; r++)
            for (var ch = 0; ch < 4; ch++)
                InvariantFeatures.Cross(f, r, ch, r + 1, ch, rings);
        blocks.Add((rings, RingCrossWeight));

        var channels = new List<float>();
        for (var r = 0; r < PolarSampler.Rings; r++)
            for (var c1 = 0; c1 < 4; c1++)
                for (var c2 = c1 + 1; c2 < 4; c2++)
                    InvariantFeatures.Cross(f, r, c1, r, c2, channels);
        blocks.Add((channels, ChannelCrossWeight));

        // Relative to the major axis (which has no sign: only even harmonics), weighted by how elongated the patch is:
        // this tells a flag with vertical stripes from one with horizontal stripes, which the moment frame makes equal.
        var (_, major, minor) = ShapeMoments.FromMask(mask.Mask, mask.Width, mask.Height).Axes();
        var elongation = 1 - Math.Sqrt(minor / major);
        var axisWeight = (float)Math.Clamp((elongation - 0.08) / 0.15, 0, 1);
        var axial = new List<float>();
        for (var r = 0; r < PolarSampler.Rings; r++)
            for (var ch = 0; ch < 4; ch++)
                for (var k = 2; k < InvariantFeatures.Harmonics; k += 2)
                {
                    axial.Add(f[r, ch, k].Re);
                    axial.Add(f[r, ch, k].Im);
                }
        blocks.Add((axial, AxisWeight * axisWeight));

        blocks.Add((ColourHistogram.Compute(cells), HistogramWeight));
        return Assemble(blocks);
    }

    public static int Dimensions => Compute(new RgbImage(8, 8, new byte[8 * 8 * 3])).Length;

    /// <summary>Each block L2-normalised and weighted, then the whole vector L2-normalised.</summary>
    private static float[] Assemble(List<(List<float> Values, float Weight)> blocks)
    {
        var result = new float[blocks.Sum(b => b.Values.Count)];
        var offset = 0;
        foreach (var (values, weight) in blocks)
        {
            double norm = 0;
            foreach (var v in values) norm += v * v;
            var scale = norm > 1e-20 ? weight / (float)Math.Sqrt(norm) : 0f;
            for (var i = 0; i < values.Count; i++) result[offset + i] = values[i] * scale;
            offset += values.Count;
        }
        double total = 0;
        foreach (var v in result) total += v * v;
        if (total <= 1e-20)
        {
            result[0] = 1;
            return result;
        }
        var inv = (float)(1 / Math.Sqrt(total));
        for (var i = 0; i < result.Length; i++) result[i] *= inv;
        return result;
    }
}
