using PatchDb.Embedder.Models;

namespace PatchDb.Tests.Onnx;

internal static class TestImages
{
    public static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }

        return new RgbImage(width, height, pixels);
    }

    public static RgbImage Random(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    /// <summary>R = x / 2, G = y, B = 7: every pixel says where it came from.</summary>
    public static RgbImage Coordinates(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)(x / 2), (byte)y, 7);
            }
        }

        return new RgbImage(width, height, pixels);
    }
}
