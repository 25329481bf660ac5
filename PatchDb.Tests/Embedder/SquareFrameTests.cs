using NetVips;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Tests.Embedder;

/// <summary>Evidence coordinates must land on the same spot of the stored square derivative the Web draws them on.</summary>
public sealed class SquareFrameTests
{
    [Theory]
    [InlineData(300, 200, 60, 40)]
    [InlineData(384, 512, 300, 100)]
    [InlineData(1024, 768, 700, 500)]
    public void A_working_image_point_maps_onto_the_same_spot_of_the_square(int width, int height, int x, int y)
    {
        // A bright dot on black, through the real decoder (working image and square from one decode).
        using var black = Image.Black(width, height, bands: 3);
        using var dot = black.Mutate(m => m.DrawCircle([255.0, 255.0, 255.0], x, y, 6, fill: true));
        var analysed = new PhotoDecoder(new ImageLimits()).DecodeWithDerivatives(dot.PngsaveBuffer(), 512);
        var working = analysed.Photo.Working;
        // Where the dot is in the working image (it may be shrunk), and where in the square.
        var (wx, wy) = Centroid(working.Pixels, working.Width, working.Height);
        using var square = Image.NewFromBuffer(analysed.SquareWebp);
        using var red = square.ExtractBand(0);
        var (sx, sy) = Centroid(red.WriteToMemory<byte>(), square.Width, square.Height, bands: 1);

        // Centroids are pixel-centre coordinates, as OpenCV's keypoints are.
        var (nx, ny) = SquareFrame.Normalise(wx, wy, working.Width, working.Height);
        Assert.InRange(nx * SquareFrame.Side - 0.5, sx - 1.5, sx + 1.5);
        Assert.InRange(ny * SquareFrame.Side - 0.5, sy - 1.5, sy + 1.5);
    }

    private static (double X, double Y) Centroid(byte[] pixels, int width, int height, int bands = 3)
    {
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = pixels[(y * width + x) * bands];
                if (v > 128)
                {
                    sum += v;
                    sx += v * x;
                    sy += v * y;
                }
            }
        }

        return (sx / sum, sy / sum);
    }
}
