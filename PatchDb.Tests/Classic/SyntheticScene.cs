using PatchDb.Embedder.Models;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Classic;

/// <summary>Renders made-up "photos": a design on the unit square, placed in the image by a known homography.</summary>
internal static class SyntheticScene
{
    public delegate (double R, double G, double B) Design(double u, double v);

    /// <summary>Red, white and blue vertical stripes with a yellow disc in the top-left: no rotational symmetry.</summary>
    public static (double, double, double) Tricolour(double u, double v) =>
        (u - 0.2) * (u - 0.2) + (v - 0.25) * (v - 0.25) < 0.01 ? (0.95, 0.85, 0.1)
        : u < 1 / 3.0 ? (0.8, 0.1, 0.1) : u < 2 / 3.0 ? (0.95, 0.95, 0.95) : (0.1, 0.2, 0.7);

    /// <summary>Green over yellow horizontal bands with a black triangle at the hoist.</summary>
    public static (double, double, double) Bands(double u, double v) =>
        u < 0.4 * (1 - Math.Abs(2 * v - 1)) ? (0.05, 0.05, 0.05) : v < 0.5 ? (0.1, 0.6, 0.2) : (0.95, 0.8, 0.1);

    /// <summary>Corners (unit square → image) of a patch rotated by <paramref name="degrees"/> and foreshortened.</summary>
    public static (double X, double Y)[] Quad(double cx, double cy, double halfW, double halfH, double degrees, double tilt)
    {
        var t = degrees * Math.PI / 180;
        // Tilt: the far edge (v = 0) shrinks, as a patch leaning away from the camera does.
        (double, double)[] local = [(-halfW * (1 - tilt), -halfH), (halfW * (1 - tilt), -halfH), (halfW, halfH), (-halfW, halfH)];
        return local.Select(p => (cx + p.Item1 * Math.Cos(t) - p.Item2 * Math.Sin(t), cy + p.Item1 * Math.Sin(t) + p.Item2 * Math.Cos(t))).ToArray();
    }

    /// <summary>
    /// A width×height sRGB photo: a brownish background with a light gradient and seeded noise, and the design
    /// inside the quad. <paramref name="cast"/> multiplies each channel in linear light (a white-balance error).
    /// </summary>
    public static RgbImage Render(int width, int height, Design design, (double X, double Y)[] quad, (double R, double G, double B) cast = default, int seed = 1)
    {
        if (cast == default) cast = (1, 1, 1);
        (double, double)[] unit = [(0, 0), (1, 0), (1, 1), (0, 1)];
        var toDesign = Homography.Fit(quad, unit)!;
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (u, v) = toDesign.Apply(x + 0.5, y + 0.5);
                var shade = 0.75 + 0.25 * x / width;
                var noise = (random.NextDouble() - 0.5) * 0.03;
                var (r, g, b) = u is >= 0 and < 1 && v is >= 0 and < 1
                    ? design(u, v)
                    : (0.45 * shade + noise, 0.33 * shade + noise, 0.22 * shade + noise);
                var i = (y * width + x) * 3;
                pixels[i] = Encode(r, cast.R);
                pixels[i + 1] = Encode(g, cast.G);
                pixels[i + 2] = Encode(b, cast.B);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static byte Encode(double srgb, double gain)
    {
        var linear = ColorSpace.SrgbToLinear((float)Math.Clamp(srgb, 0, 1)) * gain;
        var encoded = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055;
        return (byte)Math.Clamp(Math.Round(encoded * 255), 0, 255);
    }

    public static double DistanceToPolygon((double X, double Y) p, IReadOnlyList<(double X, double Y)> polygon)
    {
        var best = double.MaxValue;
        for (var i = 0; i < polygon.Count; i++)
        {
            var a = polygon[i];
            var b = polygon[(i + 1) % polygon.Count];
            double dx = b.X - a.X, dy = b.Y - a.Y;
            var t = Math.Clamp(((p.X - a.X) * dx + (p.Y - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
            best = Math.Min(best, Math.Sqrt(Math.Pow(a.X + t * dx - p.X, 2) + Math.Pow(a.Y + t * dy - p.Y, 2)));
        }
        return best;
    }
}
