using PatchDb.Embedder.Models.Classic;

namespace PatchDb.Tests.Classic;

public sealed class ColourHistogramTests
{
    [Fact]
    public void A_uniform_mid_grey_patch_falls_into_the_centre_bin_only()
    {
        var cells = Cells((_, _) => (0f, 0f, 0f));

        var h = ColourHistogram.Compute(cells);

        // Centre of 3 lightness bins and of 5 × 5 chroma bins: (1 · 5 + 2) · 5 + 2; square root of the total coverage.
        Assert.Equal(ColourHistogram.Length, h.Count);
        Assert.Equal(MathF.Sqrt(6 * 32), h[37], 3);
        Assert.Equal(0, h.Where((_, i) => i != 37).Sum(), 5);
    }

    [Fact]
    public void Rotating_the_patch_keeps_the_histogram_and_another_colour_changes_it()
    {
        Func<int, int, (float, float, float)> redWhite = (_, s) => s < 16 ? (0f, 0.5f, 0.3f) : (0.45f, 0f, 0f);
        var a = ColourHistogram.Compute(Cells(redWhite));
        var rotated = ColourHistogram.Compute(Cells((r, s) => redWhite(r, (s + 11) % 32)));
        var blueWhiteRed = ColourHistogram.Compute(Cells((_, s) => s < 11 ? (-0.2f, 0.1f, -0.5f) : s < 22 ? (0.45f, 0f, 0f) : (0f, 0.5f, 0.3f)));

        Assert.Equal(a, rotated);
        // Two thirds of the tricolour is the bicolour's red and white (√-weighted cosine ≈ 0.82); the blue third must show.
        Assert.True(Cosine(a, blueWhiteRed) < 0.85, $"cosine {Cosine(a, blueWhiteRed):F3}");
    }

    private static float[,,] Cells(Func<int, int, (float L, float A, float B)> colour)
    {
        var cells = new float[6, 32, 4];
        for (var r = 0; r < 6; r++)
            for (var s = 0; s < 32; s++)
            {
                var (l, a, b) = colour(r, s);
                (cells[r, s, 0], cells[r, s, 1], cells[r, s, 2], cells[r, s, 3]) = (l, a, b, 1);
            }
        return cells;
    }

    private static double Cosine(List<float> x, List<float> y) =>
        x.Zip(y, (p, q) => (double)p * q).Sum() / Math.Sqrt(x.Sum(p => (double)p * p) * y.Sum(q => (double)q * q));
}
