using PatchDb.Embedder.Models;

namespace PatchDb.Tests.Embedder;

/// <summary>
/// A pale patch on a pale, textured table, told apart only by its dark merrowed border (a white flag on a white
/// table), with a dark band across its upper part. Optionally a stretch of the border is missing: the outline leaks.
/// </summary>
internal static class LeakedOutlinePhoto
{
    public const int Width = 512, Height = 384;
    private const double HalfW = 130, HalfH = 85, Degrees = 18, Border = 8;
    private static readonly (double X, double Y) Centre = (256, 200);

    /// <summary>The patch's corners in photo pixels.</summary>
    public static (double X, double Y)[] Corners() =>
        [Place(-HalfW, -HalfH), Place(HalfW, -HalfH), Place(HalfW, HalfH), Place(-HalfW, HalfH)];

    /// <summary><paramref name="gap"/>: the fraction of the bottom (long) side, centred, whose border is missing.</summary>
    public static RgbImage Render(double gap, int seed = 3)
    {
        var random = new Random(seed);
        var pixels = new byte[Width * Height * 3];
        double cos = Math.Cos(Degrees * Math.PI / 180), sin = Math.Sin(Degrees * Math.PI / 180);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                // Photo → patch coordinates (u across, v down), by the inverse rotation.
                double dx = x + 0.5 - Centre.X, dy = y + 0.5 - Centre.Y;
                double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
                var texture = (random.NextDouble() - 0.5) * 0.04;
                var colour = (R: 0.86 + texture, G: 0.84 + texture, B: 0.78 + texture);
                var inside = Math.Abs(u) < HalfW && Math.Abs(v) < HalfH;
                var onBorder = inside && (HalfW - Math.Abs(u) < Border || HalfH - Math.Abs(v) < Border);
                var inGap = v > 0 && Math.Abs(u) < gap * HalfW && HalfH - v < Border;
                if (onBorder && !inGap) colour = (0.15, 0.15, 0.2);
                else if (inside && v > -0.5 * HalfH && v < -0.1 * HalfH) colour = (0.1, 0.2, 0.55);
                var i = 3 * (y * Width + x);
                pixels[i] = Byte(colour.R);
                pixels[i + 1] = Byte(colour.G);
                pixels[i + 2] = Byte(colour.B);
            }
        }
        return new RgbImage(Width, Height, pixels);
    }

    private static (double X, double Y) Place(double u, double v)
    {
        double cos = Math.Cos(Degrees * Math.PI / 180), sin = Math.Sin(Degrees * Math.PI / 180);
        return (Centre.X + u * cos - v * sin, Centre.Y + u * sin + v * cos);
    }

    private static byte Byte(double value) => (byte)Math.Clamp(Math.Round(value * 255), 0, 255);
}
