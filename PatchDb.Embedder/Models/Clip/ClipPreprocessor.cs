using System.Numerics.Tensors;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// CLIP's image preprocessing in managed code: shortest side to <see cref="Size"/> (bicubic), centre crop
/// Size×Size, scale to 0..1, normalise with CLIP's mean and std, planar RGB (one image of an NCHW batch).
/// </summary>
public sealed class ClipPreprocessor(int size = 224)
{
    public static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
    public static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

    public int Size { get; } = size;

    public int TensorLength => 3 * Size * Size;

    /// <summary>Writes the 3×Size×Size tensor of <paramref name="image"/> into <paramref name="destination"/>.</summary>
    public void Process(RgbImage image, Span<float> destination)
    {
        if (image.Width <= 0 || image.Height <= 0 || image.Pixels.Length < (long)image.Width * image.Height * 3)
        {
            throw new ArgumentException($"Image {image.Width}x{image.Height} has {image.Pixels.Length} bytes of pixels.", nameof(image));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, TensorLength, nameof(destination));
        // torchvision's Resize(int): the short side becomes Size, the long side is truncated.
        var (resizedW, resizedH) = image.Width <= image.Height
            ? (Size, (int)((long)Size * image.Height / image.Width))
            : ((int)((long)Size * image.Width / image.Height), Size);
        var left = (int)Math.Round((resizedW - Size) / 2.0, MidpointRounding.ToEven);
        var top = (int)Math.Round((resizedH - Size) / 2.0, MidpointRounding.ToEven);
        var columns = BicubicCoefficients.Create(image.Width, resizedW, left, Size);
        var rows = BicubicCoefficients.Create(image.Height, resizedH, top, Size);

        var firstRow = rows.Starts[0];
        var lastRow = rows.Starts[Size - 1] + rows.Lengths[Size - 1];
        var horizontal = ResampleRows(image, columns, firstRow, lastRow);
        ResampleColumns(horizontal, rows, firstRow, destination);

        var plane = Size * Size;
        for (var c = 0; c < 3; c++)
        {
            var channel = destination.Slice(c * plane, plane);
            // Bicubic overshoots; clamp to the pixel range like an 8-bit resize would, then normalise.
            TensorPrimitives.Max(channel, 0f, channel);
            TensorPrimitives.Min(channel, 255f, channel);
            TensorPrimitives.Multiply(channel, 1f / (255f * Std[c]), channel);
            TensorPrimitives.Add(channel, -Mean[c] / Std[c], channel);
        }
    }

    /// <summary>Horizontal pass over source rows [firstRow, lastRow): interleaved RGB floats, Size columns wide.</summary>
    private float[] ResampleRows(RgbImage image, BicubicCoefficients columns, int firstRow, int lastRow)
    {
        var output = new float[(lastRow - firstRow) * Size * 3];
        var pixels = image.Pixels;
        for (var y = firstRow; y < lastRow; y++)
        {
            var source = (long)y * image.Stride;
            var target = (y - firstRow) * Size * 3;
            for (var x = 0; x < Size; x++)
            {
                float r = 0, g = 0, b = 0;
                var start = source + columns.Starts[x] * 3L;
                var weights = x * columns.Stride;
                for (var k = 0; k < columns.Lengths[x]; k++)
                {
                    var w = columns.Weights[weights + k];
                    var p = start + k * 3;
                    r += pixels[p] * w;
                    g += pixels[p + 1] * w;
                    b += pixels[p + 2] * w;
                }

                output[target + x * 3] = r;
                output[target + x * 3 + 1] = g;
                output[target + x * 3 + 2] = b;
            }
        }

        return output;
    }

    /// <summary>Vertical pass into planar (CHW) output.</summary>
    private void ResampleColumns(float[] horizontal, BicubicCoefficients rows, int firstRow, Span<float> destination)
    {
        var plane = Size * Size;
        var rowWidth = Size * 3;
        for (var y = 0; y < Size; y++)
        {
            var weights = y * rows.Stride;
            var start = (rows.Starts[y] - firstRow) * rowWidth;
            for (var x = 0; x < Size; x++)
            {
                float r = 0, g = 0, b = 0;
                for (var k = 0; k < rows.Lengths[y]; k++)
                {
                    var w = rows.Weights[weights + k];
                    var p = start + k * rowWidth + x * 3;
                    r += horizontal[p] * w;
                    g += horizontal[p + 1] * w;
                    b += horizontal[p + 2] * w;
                }

                var o = y * Size + x;
                destination[o] = r;
                destination[plane + o] = g;
                destination[2 * plane + o] = b;
            }
        }
    }
}
