using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>The two naive whole-photo descriptors classic-v1 must beat.</summary>
public static class BaselineDescriptors
{
    /// <summary>64 bins per RGB channel over the whole photo, concatenated and L2-normalised (compare by cosine).</summary>
    public static float[] ColourHistogram(RgbImage image)
    {
        var h = new float[3 * 64];
        var px = image.Pixels;
        for (var i = 0; i + 2 < px.Length; i += 3)
        {
            h[px[i] >> 2]++;
            h[64 + (px[i + 1] >> 2)]++;
            h[128 + (px[i + 2] >> 2)]++;
        }
        var norm = MathF.Sqrt(h.Sum(v => v * v));
        for (var i = 0; i < h.Length; i++) h[i] /= norm;
        return h;
    }

    /// <summary>
    /// pHash: grey 32×32 (box-averaged), 2-D DCT-II, the 8×8 lowest frequencies without DC, one bit per
    /// coefficient above their median. Bits are stored as 0/1 floats; compare with <see cref="HammingSimilarity"/>.
    /// </summary>
    public static float[] PerceptualHash(RgbImage image)
    {
        const int n = 32;
        var grey = new double[n, n];
        var count = new int[n, n];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = y * image.Stride + x * 3;
                int gx = x * n / image.Width, gy = y * n / image.Height;
                grey[gy, gx] += 0.299 * image.Pixels[i] + 0.587 * image.Pixels[i + 1] + 0.114 * image.Pixels[i + 2];
                count[gy, gx]++;
            }
        }
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                grey[y, x] /= Math.Max(1, count[y, x]);
        var coeffs = new double[63];
        var k = 0;
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                if (u == 0 && v == 0) continue;
                double s = 0;
                for (var y = 0; y < n; y++)
                    for (var x = 0; x < n; x++)
                        s += grey[y, x] * Math.Cos((2 * x + 1) * u * Math.PI / (2 * n)) * Math.Cos((2 * y + 1) * v * Math.PI / (2 * n));
                coeffs[k++] = s;
            }
        }
        var median = coeffs.Order().ElementAt(coeffs.Length / 2);
        return coeffs.Select(c => c > median ? 1f : 0f).ToArray();
    }

    public static float Cosine(float[] a, float[] b)
    {
        float s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>1 − (differing bits / bits).</summary>
    public static float HammingSimilarity(float[] a, float[] b)
    {
        var differ = 0;
        for (var i = 0; i < a.Length; i++) if (a[i] != b[i]) differ++;
        return 1f - differ / (float)a.Length;
    }
}
