using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;

namespace PatchDb.Tests.Classic;

/// <summary>Segmentation that knows when it failed: a patch with a crisp border is a confident outline at the right place;
/// a photo without one is not.</summary>
public sealed class PatchLocatorTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(30, 0.15)]
    [InlineData(-65, 0.25)]
    public void A_patch_on_a_plain_background_is_a_confident_outline_around_it(double degrees, double tilt)
    {
        var quad = SyntheticScene.Quad(260, 190, 130, 80, degrees, tilt);
        var photo = SyntheticScene.Render(512, 384, SyntheticScene.Tricolour, quad);

        var location = PatchLocator.Locate(photo);

        Assert.True(location.Confident, $"support {location.Support:0.00}, area {location.AreaFraction:0.00}");
        var (x, y, w, h) = location.Box(photo.Width, photo.Height, 0);
        // Within the 4-pixel segmentation grid plus its dilation (SegmentationTests: ~2.5 cells).
        Assert.InRange(x, quad.Min(p => p.X) - 14, quad.Min(p => p.X) + 6);
        Assert.InRange(y, quad.Min(p => p.Y) - 14, quad.Min(p => p.Y) + 6);
        Assert.InRange(x + w, quad.Max(p => p.X) - 6, quad.Max(p => p.X) + 14);
        Assert.InRange(y + h, quad.Max(p => p.Y) - 6, quad.Max(p => p.Y) + 14);
    }

    [Fact]
    public void A_photo_of_clutter_with_no_patch_border_is_not_a_confident_outline()
    {
        var clutter = Embedder.SyntheticScene.Render(seed: 5);

        var location = PatchLocator.Locate(clutter);

        Assert.False(location.Confident, $"support {location.Support:0.00}, area {location.AreaFraction:0.00}");
    }

    [Fact]
    public void The_whole_image_fallback_has_no_support()
    {
        var blank = new RgbImage(64, 48, Enumerable.Repeat((byte)128, 64 * 48 * 3).ToArray());

        var location = PatchLocator.Locate(blank);

        Assert.False(location.Confident);
        Assert.Equal(0, location.Support);
        // Outline vertices are segmentation cell centres: the box misses at most half a cell (2 px) on each side.
        var (x, y, w, h) = location.Box(64, 48, 0);
        Assert.True(x <= 2 && y <= 2 && w >= 60 && h >= 44, $"box {(x, y, w, h)}");
    }
}
