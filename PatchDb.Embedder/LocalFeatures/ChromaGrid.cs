using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// The photo's chromaticity on a coarse grid: per cell the mean r/(r+g+b) and g/(r+g+b), quantised to a byte each.
/// Chromaticity ignores brightness, so a darker or brighter photo of the same print keeps its values, while a sibling
/// design that shares the layout and logo but not the colours does not. <see cref="Cells"/> holds Size × Size × 2 bytes
/// row by row.
/// </summary>
public sealed record ChromaGrid(int Size, byte[] Cells)
{
    public const int DefaultSize = 48;

    public static ChromaGrid Of(RgbImage image, int size = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 255);
        var sums = new double[size * size * 3];
        for (var y = 0; y < image.Height; y++)
        {
            var row = Math.Min(size - 1, y * size / image.Height) * size;
            for (var x = 0; x < image.Width; x++)
            {
                var cell = 3 * (row + Math.Min(size - 1, x * size / image.Width));
                var o = y * image.Stride + 3 * x;
                sums[cell] += image.Pixels[o];
                sums[cell + 1] += image.Pixels[o + 1];
                sums[cell + 2] += image.Pixels[o + 2];
            }
        }

        var cells = new byte[size * size * 2];
        for (var i = 0; i < size * size; i++)
        {
            var total = sums[3 * i] + sums[3 * i + 1] + sums[3 * i + 2];
            // A black cell has no chromaticity; grey is the neutral answer.
            var (r, g) = total <= 0 ? (1 / 3.0, 1 / 3.0) : (sums[3 * i] / total, sums[3 * i + 1] / total);
            cells[2 * i] = (byte)Math.Round(255 * r);
            cells[2 * i + 1] = (byte)Math.Round(255 * g);
        }

        return new ChromaGrid(size, cells);
    }

    /// <summary>The cell under pixel (x, y) of a width × height image, as (r, g) in 0..255.</summary>
    public (int R, int G) At(double x, double y, int width, int height)
    {
        var cx = Math.Clamp((int)(x * Size / width), 0, Size - 1);
        var cy = Math.Clamp((int)(y * Size / height), 0, Size - 1);
        var i = 2 * (cy * Size + cx);
        return (Cells[i], Cells[i + 1]);
    }
}
