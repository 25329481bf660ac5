using NetVips;
using OpenCvSharp;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Tests.Embedder;

/// <summary>Cut-outs on photos with a known outline (<see cref="CutOutScene"/>): OpenCV and libvips for real.</summary>
public sealed class CutOutTests
{
    // Upright, rotated by about 12°, in perspective (far side shorter), and rotated the other way. The aspect ratio of a
    // view in perspective is not known without the camera's focal length, so only the others' is checked.
    public static TheoryData<float[], bool> Quadrilaterals => new()
    {
        { [110, 90, 400, 90, 400, 290, 110, 290], true },
        { [120, 70, 410, 130, 380, 320, 90, 260], true },
        { [150, 80, 370, 95, 420, 310, 95, 300], false },
        { [90, 140, 360, 60, 410, 230, 140, 320], false },
    };

    [Theory]
    [MemberData(nameof(Quadrilaterals))]
    public void The_cut_outs_corners_land_within_3_percent_of_the_true_ones(float[] xy, bool keepsAspectRatio)
    {
        Point2f[] truth = [new(xy[0], xy[1]), new(xy[2], xy[3]), new(xy[4], xy[5]), new(xy[6], xy[7])];
        var cut = CutOutMaker.TryMake(CutOutScene.Rectangle(truth, seed: 5));

        Assert.NotNull(cut);
        // 3 % of the patch's longest side, in pixels of the photo.
        var tolerance = 0.03 * Enumerable.Range(0, 4).Max(i => Distance(truth[i], truth[(i + 1) % 4]));
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = cut.Corners[i];
            var error = Distance(truth[i], new Point2f((float)x, (float)y));
            Assert.True(error <= tolerance, $"corner {i}: ({x:F1}, {y:F1}), true ({truth[i].X}, {truth[i].Y}), off by {error:F1} px > {tolerance:F1}");
        }
        Assert.InRange(cut.Confidence, 0.7, 1);
        if (keepsAspectRatio)
        {
            // Rectified: as wide and tall as the patch's sides, so a 3:2 design comes out 3:2.
            Assert.InRange(cut.Width / (double)cut.Height, 1.5 * 0.95, 1.5 * 1.05);
        }
    }

    [Fact]
    public void Outside_a_round_patch_the_cut_out_is_transparent()
    {
        Point2f[] square = [new(140, 70), new(380, 80), new(370, 320), new(130, 310)];
        var cut = CutOutMaker.TryMake(CutOutScene.Disc(square, seed: 9));

        Assert.NotNull(cut);
        using var image = NetVips.Image.NewFromBuffer(cut.Webp);
        Assert.Equal("webpload_buffer", image.Get("vips-loader"));
        Assert.Equal(4, image.Bands);
        using var alpha = image.ExtractBand(3);
        int w = image.Width, h = image.Height;
        // The enclosing square's corners lie outside the disc; its centre inside.
        foreach (var (x, y) in new[] { (2, 2), (w - 3, 2), (w - 3, h - 3), (2, h - 3) })
        {
            Assert.True(alpha.Getpoint(x, y)[0] < 10, $"alpha at ({x}, {y}) is {alpha.Getpoint(x, y)[0]}");
        }
        Assert.Equal(255, alpha.Getpoint(w / 2, h / 2)[0]);
        Assert.InRange(w / (double)h, 0.9, 1.1);
    }

    [Fact]
    public void A_photo_without_a_patch_gives_no_confident_cut_out()
    {
        var cut = CutOutMaker.TryMake(CutOutScene.Plain(seed: 3));

        Assert.True(cut is null || cut.Confidence < 0.3, $"confidence {cut?.Confidence}");
    }

    private static double Distance(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
