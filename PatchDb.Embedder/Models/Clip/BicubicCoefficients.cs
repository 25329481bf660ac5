namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// Resampling weights of one axis for a bicubic (a = -0.5) resize, widened when shrinking so every source pixel
/// contributes (the antialiasing resize PIL uses, which CLIP's preprocessing was trained with). Only the output
/// positions [<c>first</c>, <c>first + count</c>) are computed, which is all a centre crop needs.
/// </summary>
internal sealed class BicubicCoefficients
{
    private const double A = -0.5;

    private BicubicCoefficients(int[] starts, int[] lengths, float[] weights, int stride)
    {
        Starts = starts;
        Lengths = lengths;
        Weights = weights;
        Stride = stride;
    }

    public int[] Starts { get; }

    public int[] Lengths { get; }

    /// <summary>Weights of output i are at [i * Stride, i * Stride + Lengths[i]).</summary>
    public float[] Weights { get; }

    public int Stride { get; }

    public static BicubicCoefficients Create(int sourceSize, int resizedSize, int first, int count)
    {
        var scale = (double)sourceSize / resizedSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = 2.0 * filterScale;
        var stride = (int)Math.Ceiling(support) * 2 + 1;
        var starts = new int[count];
        var lengths = new int[count];
        var weights = new float[count * stride];
        var row = new double[stride];
        for (var i = 0; i < count; i++)
        {
            var center = (first + i + 0.5) * scale;
            var min = Math.Max((int)(center - support + 0.5), 0);
            var max = Math.Min((int)(center + support + 0.5), sourceSize);
            var length = Math.Min(max - min, stride);
            double total = 0;
            for (var k = 0; k < length; k++)
            {
                row[k] = Cubic((min + k - center + 0.5) / filterScale);
                total += row[k];
            }

            for (var k = 0; k < length; k++)
            {
                weights[i * stride + k] = (float)(total == 0 ? 0 : row[k] / total);
            }

            starts[i] = min;
            lengths[i] = length;
        }

        return new BicubicCoefficients(starts, lengths, weights, stride);
    }

    private static double Cubic(double x)
    {
        x = Math.Abs(x);
        return x < 1 ? ((A + 2) * x - (A + 3)) * x * x + 1
            : x < 2 ? (((x - 5) * x + 8) * x - 4) * A
            : 0;
    }
}
