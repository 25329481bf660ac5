using System.Globalization;
using PatchDb.Embedder.Imaging.Interop;
using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Imaging;

/// <summary>The libvips operations the decoder chains together; each returns a new owned image.</summary>
internal static class ImageOps
{
    private const int InterpretationSrgb = 22;
    private const int FormatUchar = 0;

    public static VipsImage Run(string operation, VipsImage input, string? options = null)
    {
        using var op = VipsOperation.Create(operation).Set("in", input);
        if (options is not null)
        {
            op.Options(options);
        }

        return op.Build().GetImage("out");
    }

    /// <summary>Shrink-on-load to fit longSide×longSide, EXIF-rotated; truncated input fails instead of turning grey.</summary>
    public static VipsImage ThumbnailBuffer(ReadOnlySpan<byte> bytes, int longSide)
    {
        using var op = VipsOperation.Create("thumbnail_buffer")
            .Set("buffer", bytes)
            // thumbnail_buffer ignores a fail_on property in libvips 8.14; the loader option string is honoured.
            .Set("option_string", "fail_on=truncated")
            .Options($"width={longSide},height={longSide},size=down");
        return op.Build().GetImage("out");
    }

    /// <summary>Makes any decoded image 3-band 8-bit sRGB, alpha flattened onto black.</summary>
    public static VipsImage ToSrgb8(VipsImage image)
    {
        var current = image;
        try
        {
            if (current.Interpretation != InterpretationSrgb || current.BandFormat != FormatUchar)
            {
                current = Replace(current, image, Run("colourspace", current, "space=srgb"));
            }

            if (current.HasAlpha)
            {
                current = Replace(current, image, Run("flatten", current));
            }

            if (current.BandFormat != FormatUchar)
            {
                current = Replace(current, image, Run("cast", current, "format=uchar"));
            }

            if (current.Bands != 3)
            {
                current = Replace(current, image, Run("extract_band", current, "band=0,n=3"));
            }

            return current == image ? Run("copy", image) : current;
        }
        catch
        {
            if (current != image)
            {
                current.Dispose();
            }

            throw;
        }
    }

    public static VipsImage FitInside(VipsImage image, int box)
    {
        var scale = (double)box / Math.Max(image.Width, image.Height);
        return Run("resize", image, string.Create(CultureInfo.InvariantCulture, $"scale={scale:R}"));
    }

    public static VipsImage CentreOnBlack(VipsImage image, int size) =>
        Run("gravity", image, $"direction=centre,width={size},height={size},extend=black");

    public static byte[] WebP(VipsImage image, int quality)
    {
        using var op = VipsOperation.Create("webpsave_buffer").Set("in", image).Options($"Q={quality},strip=true");
        return op.Build().GetBuffer("buffer");
    }

    public static RgbImage ToRgb(VipsImage image) => new(image.Width, image.Height, image.ToArray());

    private static VipsImage Replace(VipsImage current, VipsImage original, VipsImage next)
    {
        if (current != original)
        {
            current.Dispose();
        }

        return next;
    }
}
