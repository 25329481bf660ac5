using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Classic;

public sealed class DescriptorTests
{
    [Fact]
    public void Colour_normalisation_removes_a_known_white_balance_cast()
    {
        var quad = SyntheticScene.Quad(256, 192, 120, 80, 20, 0.1);
        var neutral = SyntheticScene.Render(512, 384, SyntheticScene.Tricolour, quad);
        var cast = SyntheticScene.Render(512, 384, SyntheticScene.Tricolour, quad, cast: (1.1, 1.0, 0.75));

        // One mask for both, so only the colour normalisation is under test.
        var mask = PatchSegmenter.Segment(PlanarImage.FromRgb(neutral, 512), 4);
        var a = PolarSampler.Sample(PlanarImage.FromRgb(neutral, 512).Downscale(2), mask, 2);
        var b = PolarSampler.Sample(PlanarImage.FromRgb(cast, 512).Downscale(2), mask, 2);
        var unnormalised = Math.Abs(MeanBlue(neutral) - MeanBlue(cast));

        var worst = new float[4];
        for (var r = 0; r < a.GetLength(0); r++)
            for (var s = 0; s < a.GetLength(1); s++)
                for (var c = 0; c < 4; c++)
                    worst[c] = Math.Max(worst[c], Math.Abs(a[r, s, c] - b[r, s, c]));
        Assert.True(unnormalised > 5, $"the cast should be visible in the raw pixels ({unnormalised:F1})");
        Assert.True(worst.Max() < 0.02, $"largest cell difference (L, a, b, coverage) {string.Join(", ", worst.Select(w => w.ToString("F3")))}");
    }

    [Fact]
    public void Polar_spectra_are_invariant_to_a_rotation_of_the_grid_and_sensitive_to_the_layout()
    {
        var random = new Random(3);
        var cells = new float[PolarSampler.Rings, PolarSampler.Sectors, 4];
        for (var r = 0; r < cells.GetLength(0); r++)
            for (var s = 0; s < cells.GetLength(1); s++)
                for (var c = 0; c < 4; c++)
                    cells[r, s, c] = (float)random.NextDouble();
        var rotated = new float[cells.GetLength(0), cells.GetLength(1), 4];
        var shuffled = (float[,,])cells.Clone();
        for (var r = 0; r < cells.GetLength(0); r++)
            for (var s = 0; s < cells.GetLength(1); s++)
                for (var c = 0; c < 4; c++)
                    rotated[r, (s + 7) % cells.GetLength(1), c] = cells[r, s, c];
        // Same rings, same magnitudes, but ring 1 turned against ring 0: only the cross-spectra can tell.
        for (var s = 0; s < cells.GetLength(1); s++)
            for (var c = 0; c < 4; c++)
                shuffled[1, (s + 5) % cells.GetLength(1), c] = cells[1, s, c];

        var original = Features(cells);

        Assert.All(original.Zip(Features(rotated)), p => Assert.Equal(p.First, p.Second, 1e-4));
        Assert.Contains(original.Zip(Features(shuffled)), p => Math.Abs(p.First - p.Second) > 1e-2);
    }

    private static List<float> Features(float[,,] cells)
    {
        var f = InvariantFeatures.Spectrum(cells);
        var values = new List<float>();
        InvariantFeatures.Magnitudes(f, values);
        InvariantFeatures.Cross(f, 0, 0, 1, 0, values);
        return values;
    }

    private static double MeanBlue(PatchDb.Embedder.Models.RgbImage photo) =>
        Enumerable.Range(0, photo.Width * photo.Height).Average(i => (double)photo.Pixels[i * 3 + 2]);
}
