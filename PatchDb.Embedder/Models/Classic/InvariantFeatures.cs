namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Turns a polar grid into rotation-invariant numbers. A rotation of the patch shifts every ring's sequence of sectors
/// by the same amount, which multiplies harmonic k of every ring and channel by the same phase e^{-ikθ}. So
/// magnitudes |F(k)| and cross-spectra F₁(k)·conj(F₂(k)) (between rings, between channels) are exactly invariant, and
/// the cross-spectra keep the relative arrangement that magnitudes alone would lose.
/// </summary>
public static class InvariantFeatures
{
    public const int Harmonics = 8;

    /// <summary>The polar grid's last channel is the fraction of the cell inside the patch.</summary>
    public const int CoverageChannel = 3;

    /// <summary>Harmonics 0..Harmonics-1 of each ring and channel: [ring, channel, k] as (re, im).</summary>
    public static (float Re, float Im)[,,] Spectrum(float[,,] cells)
    {
        int rings = cells.GetLength(0), sectors = cells.GetLength(1), channels = cells.GetLength(2);
        var f = new (float, float)[rings, channels, Harmonics];
        for (var r = 0; r < rings; r++)
        for (var ch = 0; ch < channels; ch++)
        for (var k = 0; k < Harmonics; k++)
        {
            double re = 0, im = 0;
            for (var s = 0; s < sectors; s++)
            {
                var phase = -2 * Math.PI * k * s / sectors;
                re += cells[r, s, ch] * Math.Cos(phase);
                im += cells[r, s, ch] * Math.Sin(phase);
            }
            f[r, ch, k] = ((float)(re / sectors), (float)(im / sectors));
        }
        return f;
    }

    public static void Magnitudes((float Re, float Im)[,,] f, List<float> output)
    {
        for (var r = 0; r < f.GetLength(0); r++)
        for (var ch = 0; ch < f.GetLength(1); ch++)
        for (var k = 0; k < Harmonics; k++)
        {
            var magnitude = MathF.Sqrt(f[r, ch, k].Re * f[r, ch, k].Re + f[r, ch, k].Im * f[r, ch, k].Im);
            // Coverage's mean is ≈ 1 for every inner ring of every patch: a shared constant that would squeeze all
            // cosines towards 1. Its complement (the empty fraction) keeps the shape information without it.
            output.Add(ch == CoverageChannel && k == 0 ? 1 - magnitude : magnitude);
        }
    }

    /// <summary>Cross-spectrum of two (ring, channel) sequences for k ≥ 1, signed square root so it scales like a magnitude.</summary>
    public static void Cross((float Re, float Im)[,,] f, int r1, int c1, int r2, int c2, List<float> output)
    {
        for (var k = 1; k < Harmonics; k++)
        {
            var (ar, ai) = f[r1, c1, k];
            var (br, bi) = f[r2, c2, k];
            output.Add(SignedSqrt(ar * br + ai * bi));
            output.Add(SignedSqrt(ai * br - ar * bi));
        }
    }

    public static float SignedSqrt(float v) => MathF.CopySign(MathF.Sqrt(MathF.Abs(v)), v);
}
