using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Classic;

public sealed class SegmentationTests
{
    private const int Factor = 4;

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(30, 0.15)]
    [InlineData(-65, 0.25)]
    [InlineData(170, 0.1)]
    public void Rotated_tilted_patch_is_outlined_within_two_and_a_half_pixels(double degrees, double tilt)
    {
        var quad = SyntheticScene.Quad(260, 190, 130, 80, degrees, tilt);
        var photo = SyntheticScene.Render(512, 384, SyntheticScene.Tricolour, quad);

        var mask = PatchSegmenter.Segment(PlanarImage.FromRgb(photo, 512), Factor);

        // Compared on the 128×96 segmentation grid, where one pixel is four photo pixels. The outline is found from
        // pooled gradients dilated by one cell to close it, so it sits up to ~2 cells outside the true edge.
        var truth = quad.Select(p => ((p.X + 0.5) / Factor - 0.5, (p.Y + 0.5) / Factor - 0.5)).ToList();
        var cornerError = truth.Max(c => SyntheticScene.DistanceToPolygon(c, mask.Hull));
        var outlineError = mask.Hull.Max(v => SyntheticScene.DistanceToPolygon(v, truth));
        Assert.True(cornerError < 2.5 && outlineError < 2.5, $"corners {cornerError:F2} px, outline {outlineError:F2} px off; hull {string.Join(" ", mask.Hull)}");
    }

    [Fact]
    public void Moment_frame_of_the_segmented_patch_matches_the_true_patch_within_two_and_a_half_pixels()
    {
        var quad = SyntheticScene.Quad(250, 200, 120, 90, 35, 0.2);
        var photo = SyntheticScene.Render(512, 384, SyntheticScene.Bands, quad);

        var found = PatchSegmenter.Segment(PlanarImage.FromRgb(photo, 512), Factor);
        var truthHull = quad.Select(p => ((p.X + 0.5) / Factor - 0.5, (p.Y + 0.5) / Factor - 0.5)).ToList();
        var truthMask = ConvexHull.Rasterise(ConvexHull.Compute(truthHull), found.Width, found.Height);

        var a = ShapeMoments.FromMask(found.Mask, found.Width, found.Height);
        var b = ShapeMoments.FromMask(truthMask, found.Width, found.Height);
        var (a1, a2, a3, a4) = a.UnitDiscMap();
        var (b1, b2, b3, b4) = b.UnitDiscMap();
        // The rectifying frame sends the unit circle to the patch: the two frames must agree around the whole circle.
        for (var k = 0; k < 16; k++)
        {
            double u = Math.Cos(k * Math.PI / 8), v = Math.Sin(k * Math.PI / 8);
            double dx = a.Cx + a1 * u + a2 * v - (b.Cx + b1 * u + b2 * v), dy = a.Cy + a3 * u + a4 * v - (b.Cy + b3 * u + b4 * v);
            Assert.True(Math.Sqrt(dx * dx + dy * dy) < 2.5, $"frame differs by {Math.Sqrt(dx * dx + dy * dy):F2} px at angle {k * 22.5}°");
        }
    }

    [Fact]
    public void Thin_part_removal_cuts_a_finger_off_a_square_but_keeps_its_corners()
    {
        int w = 60, h = 60;
        var mask = new bool[w * h];
        for (var y = 20; y < 50; y++) for (var x = 20; x < 50; x++) mask[y * w + x] = true;
        for (var y = 0; y < 20; y++) for (var x = 30; x < 34; x++) mask[y * w + x] = true; // a 4 px wide "finger" from the top

        var cleaned = BinaryMask.RemoveThinParts(mask, w, h, 3);

        Assert.True(cleaned[20 * w + 20] && cleaned[49 * w + 49] && cleaned[20 * w + 49], "square corners kept");
        Assert.False(cleaned[5 * w + 31], "finger tip removed");
        Assert.Equal(30 * 30, Enumerable.Range(0, w * h).Count(i => cleaned[i] && i / w >= 20));
    }

    [Fact]
    public void Fill_holes_closes_enclosed_gaps_only()
    {
        int w = 10, h = 10;
        var mask = new bool[w * h];
        for (var y = 2; y < 8; y++) for (var x = 2; x < 8; x++) mask[y * w + x] = !(x is 4 or 5 && y is 4 or 5);

        var filled = BinaryMask.FillHoles(mask, w, h);

        Assert.True(filled[4 * w + 4]);
        Assert.False(filled[0]);
        Assert.Equal(36, filled.Count(m => m));
    }
}
