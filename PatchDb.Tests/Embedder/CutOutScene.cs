using OpenCvSharp;
using PatchDb.Embedder.Models;

namespace PatchDb.Tests.Embedder;

/// <summary>Photos of a flat patch with a known outline: a textured design (<see cref="SyntheticScene.Render"/>) with
/// a dark border, warped by OpenCV onto a smoothly shaded, lightly noisy table at known corners.</summary>
internal static class CutOutScene
{
    public const int Width = 512, Height = 384;

    /// <summary>A rectangular patch whose corners (top-left, top-right, bottom-right, bottom-left) land on <paramref name="corners"/>.</summary>
    public static RgbImage Rectangle(Point2f[] corners, int seed)
    {
        using var design = Design(seed, 300, 200, round: false);
        return Compose(design, corners, seed);
    }

    /// <summary>A round patch (a disc in a square design) whose square lands on <paramref name="corners"/>.</summary>
    public static RgbImage Disc(Point2f[] corners, int seed)
    {
        using var design = Design(seed, 240, 240, round: true);
        return Compose(design, corners, seed);
    }

    /// <summary>No patch at all: the table alone.</summary>
    public static RgbImage Plain(int seed)
    {
        using var table = Table(seed);
        return ToRgb(table);
    }

    private static Mat Design(int seed, int width, int height, bool round)
    {
        var texture = SyntheticScene.Render(seed, width, height);
        var design = Mat.FromPixelData(height, width, MatType.CV_8UC3, texture.Pixels).Clone();
        Cv2.Rectangle(design, new Rect(0, 0, width, height), new Scalar(30, 30, 40), 8);
        if (round)
        {
            // The disc's rim; outside it is "not patch" (alpha 0 in the design's own mask, see Compose).
            Cv2.Circle(design, new Point(width / 2, height / 2), width / 2 - 4, new Scalar(30, 30, 40), 8);
        }

        return design;
    }

    private static RgbImage Compose(Mat design, Point2f[] corners, int seed)
    {
        using var table = Table(seed);
        Point2f[] source = [new(0, 0), new(design.Cols, 0), new(design.Cols, design.Rows), new(0, design.Rows)];
        using var transform = Cv2.GetPerspectiveTransform(source, corners);
        using var warped = new Mat();
        Cv2.WarpPerspective(design, warped, transform, new Size(Width, Height));
        using var mask = new Mat(design.Rows, design.Cols, MatType.CV_8UC1, Scalar.All(0));
        if (design.Cols == design.Rows)
        {
            Cv2.Circle(mask, new Point(design.Cols / 2, design.Rows / 2), design.Cols / 2, Scalar.All(255), -1);
        }
        else
        {
            mask.SetTo(Scalar.All(255));
        }

        using var warpedMask = new Mat();
        Cv2.WarpPerspective(mask, warpedMask, transform, new Size(Width, Height), InterpolationFlags.Nearest);
        warped.CopyTo(table, warpedMask);
        return ToRgb(table);
    }

    private static Mat Table(int seed) => Mat.FromPixelData(Height, Width, MatType.CV_8UC3, TablePixels(Width, Height, seed)).Clone();

    /// <summary>RGB pixels of a smoothly shaded, lightly noisy table (the background of these photos and of the Api's
    /// patch photos).</summary>
    public static byte[] TablePixels(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var shade = 150 + 50.0 * x / width - 30.0 * y / height;
                var i = 3 * (y * width + x);
                pixels[i] = (byte)Math.Clamp(shade + random.Next(-6, 7), 0, 255);
                pixels[i + 1] = (byte)Math.Clamp(shade * 0.85 + random.Next(-6, 7), 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(shade * 0.7 + random.Next(-6, 7), 0, 255);
            }
        }

        return pixels;
    }

    private static RgbImage ToRgb(Mat image)
    {
        var pixels = new byte[Width * Height * 3];
        System.Runtime.InteropServices.Marshal.Copy(image.Data, pixels, 0, pixels.Length);
        return new RgbImage(Width, Height, pixels);
    }
}
