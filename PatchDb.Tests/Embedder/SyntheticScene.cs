using PatchDb.Embedder.Models;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Embedder;

/// <summary>Made-up textured images with known geometry, rendered here so the tests don't depend on the code under test.</summary>
internal static class SyntheticScene
{
    /// <summary>Seeded random coloured rectangles, discs and triangles on a shaded background.</summary>
    public static RgbImage Render(int seed, int width = 512, int height = 512)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = 3 * (y * width + x);
                pixels[i] = (byte)(60 + x * 80 / width);
                pixels[i + 1] = (byte)(70 + y * 60 / height);
                pixels[i + 2] = 90;
            }
        }

        for (var shape = 0; shape < 160; shape++)
        {
            var (cx, cy, r) = (random.Next(width), random.Next(height), random.Next(6, 40));
            var colour = new[] { (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256) };
            var kind = random.Next(3);
            var (ax, ay, bx, by) = (random.Next(-r, r), random.Next(-r, r), random.Next(-r, r), random.Next(-r, r));
            for (var y = Math.Max(0, cy - r); y < Math.Min(height, cy + r); y++)
            {
                for (var x = Math.Max(0, cx - r); x < Math.Min(width, cx + r); x++)
                {
                    var (dx, dy) = (x - cx, y - cy);
                    var inside = kind switch
                    {
                        0 => Math.Abs(dx) < r * 0.9 && Math.Abs(dy) < r * 0.5,
                        1 => dx * dx + dy * dy < r * r,
                        _ => InTriangle(dx, dy, ax, ay, bx, by, 0, -r),
                    };
                    if (inside)
                    {
                        colour.CopyTo(pixels, 3 * (y * width + x));
                    }
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>The image seen through <paramref name="sourceToTarget"/>, by inverse mapping with bilinear
    /// interpolation; black outside the source.</summary>
    public static RgbImage Warp(RgbImage source, Homography sourceToTarget)
    {
        var inverse = Invert(sourceToTarget);
        var pixels = new byte[source.Pixels.Length];
        for (var y = 0; y < source.Height; y++)
        {
            for (var x = 0; x < source.Width; x++)
            {
                var (sx, sy) = inverse.Apply(x, y);
                var (x0, y0) = ((int)Math.Floor(sx), (int)Math.Floor(sy));
                if (x0 < 0 || y0 < 0 || x0 + 1 >= source.Width || y0 + 1 >= source.Height)
                {
                    continue;
                }

                var (fx, fy) = (sx - x0, sy - y0);
                for (var c = 0; c < 3; c++)
                {
                    double At(int px, int py) => source.Pixels[3 * (py * source.Width + px) + c];
                    var top = At(x0, y0) * (1 - fx) + At(x0 + 1, y0) * fx;
                    var bottom = At(x0, y0 + 1) * (1 - fx) + At(x0 + 1, y0 + 1) * fx;
                    pixels[3 * (y * source.Width + x) + c] = (byte)Math.Round(top * (1 - fy) + bottom * fy);
                }
            }
        }

        return source with { Pixels = pixels };
    }

    /// <summary>Rotation by <paramref name="degrees"/> and scaling about the centre of a size×size image, then a slight
    /// perspective (p6, p7).</summary>
    public static Homography ViewChange(double degrees, double scale, double p6, double p7, int size = 512)
    {
        var (c, s) = (scale * Math.Cos(degrees * Math.PI / 180), scale * Math.Sin(degrees * Math.PI / 180));
        var m = size / 2.0;
        // T(m) · [sR | 0; p6 p7 1] · T(-m), expanded.
        double[] a = [c, -s, 0, s, c, 0, p6, p7, 1];
        double[] shiftIn = [1, 0, -m, 0, 1, -m, 0, 0, 1];
        double[] shiftOut = [1, 0, m, 0, 1, m, 0, 0, 1];
        var h = Multiply(shiftOut, Multiply(a, shiftIn));
        return new Homography([.. h.Select(v => v / h[8])]);
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }

        return r;
    }

    private static Homography Invert(Homography homography)
    {
        var h = homography.H;
        // Adjugate / determinant of the 3×3 matrix.
        double[] adj =
        [
            h[4] * h[8] - h[5] * h[7], h[2] * h[7] - h[1] * h[8], h[1] * h[5] - h[2] * h[4],
            h[5] * h[6] - h[3] * h[8], h[0] * h[8] - h[2] * h[6], h[2] * h[3] - h[0] * h[5],
            h[3] * h[7] - h[4] * h[6], h[1] * h[6] - h[0] * h[7], h[0] * h[4] - h[1] * h[3],
        ];
        var det = h[0] * adj[0] + h[1] * adj[3] + h[2] * adj[6];
        return new Homography([.. adj.Select(v => v / det)]);
    }

    private static bool InTriangle(int px, int py, int ax, int ay, int bx, int by, int cx, int cy)
    {
        static long Cross(long ox, long oy, long ux, long uy, long vx, long vy) => (ux - ox) * (vy - oy) - (uy - oy) * (vx - ox);
        var d1 = Cross(px, py, ax, ay, bx, by);
        var d2 = Cross(px, py, bx, by, cx, cy);
        var d3 = Cross(px, py, cx, cy, ax, ay);
        return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    }
}
