using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Vision;

/// <summary>A float image stored plane by plane (all of channel 0, then channel 1, ...), values usually 0..1.</summary>
public sealed class PlanarImage(int width, int height, int channels)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public int Channels { get; } = channels;

    public float[] Data { get; } = new float[width * height * channels];

    public Span<float> Plane(int channel) => Data.AsSpan(channel * Width * Height, Width * Height);

    public float this[int channel, int x, int y]
    {
        get => Data[(channel * Height + y) * Width + x];
        set => Data[(channel * Height + y) * Width + x] = value;
    }

    /// <summary>sRGB bytes to 0..1 floats, shrinking by whole-pixel box averaging so the long side is at most <paramref name="maxSide"/>.</summary>
    public static PlanarImage FromRgb(RgbImage image, int maxSide)
    {
        var factor = Math.Max(1, (int)Math.Ceiling(Math.Max(image.Width, image.Height) / (double)maxSide));
        int w = Math.Max(1, image.Width / factor), h = Math.Max(1, image.Height / factor);
        var result = new PlanarImage(w, h, 3);
        var px = image.Pixels;
        var scale = 1f / (255f * factor * factor);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                float r = 0, g = 0, b = 0;
                for (var dy = 0; dy < factor; dy++)
                {
                    var row = (y * factor + dy) * image.Stride + x * factor * 3;
                    for (var dx = 0; dx < factor; dx++)
                    {
                        var i = row + dx * 3;
                        r += px[i];
                        g += px[i + 1];
                        b += px[i + 2];
                    }
                }
                result[0, x, y] = r * scale;
                result[1, x, y] = g * scale;
                result[2, x, y] = b * scale;
            }
        }
        return result;
    }

    /// <summary>Box-averages blocks of factor×factor pixels (dropping any remainder).</summary>
    public PlanarImage Downscale(int factor)
    {
        int w = Math.Max(1, Width / factor), h = Math.Max(1, Height / factor);
        var result = new PlanarImage(w, h, Channels);
        var scale = 1f / (factor * factor);
        for (var c = 0; c < Channels; c++)
            for (var y = 0; y < Math.Min(h * factor, Height); y++)
                for (var x = 0; x < Math.Min(w * factor, Width); x++)
                    result[c, x / factor, y / factor] += this[c, x, y] * scale;
        return result;
    }

    /// <summary>
    /// Mean colour-gradient magnitude (all channels) over factor×factor blocks: edges and texture, blind to smooth
    /// shading. Colour matters: a red patch on brown wood can have no luminance edge at all.
    /// </summary>
    public float[] GradientEnergy(int factor)
    {
        int w = Math.Max(1, Width / factor), h = Math.Max(1, Height / factor), n = Width * Height;
        var result = new float[w * h];
        var scale = 1f / (factor * factor);
        for (var y = 1; y < Math.Min(h * factor, Height - 1); y++)
            for (var x = 1; x < Math.Min(w * factor, Width - 1); x++)
            {
                var i = y * Width + x;
                float sum = 0;
                for (var c = 0; c < Channels; c++)
                {
                    var j = i + c * n;
                    float gx = Data[j + 1] - Data[j - 1], gy = Data[j + Width] - Data[j - Width];
                    sum += gx * gx + gy * gy;
                }
                result[y / factor * w + x / factor] += MathF.Sqrt(sum) * scale;
            }
        return result;
    }

    /// <summary>Bilinear sample of one channel at a real-valued position (clamped to the image).</summary>
    public float Sample(int channel, float x, float y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        int x0 = Math.Min((int)x, Math.Max(Width - 2, 0)), y0 = Math.Min((int)y, Math.Max(Height - 2, 0));
        int dx = Width > 1 ? 1 : 0, dy = Height > 1 ? Width : 0;
        float fx = Math.Min(x - x0, 1), fy = Math.Min(y - y0, 1);
        var i = channel * Width * Height + y0 * Width + x0;
        var top = Data[i] + (Data[i + dx] - Data[i]) * fx;
        var bottom = Data[i + dy] + (Data[i + dy + dx] - Data[i + dy]) * fx;
        return top + (bottom - top) * fy;
    }
}
