using NetVips;
using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Imaging;

/// <summary>The libvips operations the decoder chains together; each returns a new image the caller disposes.</summary>
internal static class ImageOps
{
    /// <summary>Shrink-on-load to fit longSide×longSide, EXIF-rotated; truncated input fails instead of turning grey.</summary>
    public static Image ThumbnailBuffer(byte[] bytes, int longSide)
    {
        VipsRuntime.EnsureStarted();
        // The loader option string carries fail_on: thumbnail_buffer's own fail_on was ignored by older libvips.
        return Image.ThumbnailBuffer(bytes, longSide, optionString: "fail_on=truncated", height: longSide, size: Enums.Size.Down);
    }

    /// <summary>Makes any decoded image 3-band 8-bit sRGB, alpha flattened onto black.</summary>
    public static Image ToSrgb8(Image image)
    {
        var current = image.Interpretation != Enums.Interpretation.Srgb || image.Format != Enums.BandFormat.Uchar
            ? image.Colourspace(Enums.Interpretation.Srgb)
            : image.Copy();
        try
        {
            if (current.HasAlpha())
            {
                current = Replace(current, current.Flatten());
            }

            if (current.Format != Enums.BandFormat.Uchar)
            {
                current = Replace(current, current.Cast(Enums.BandFormat.Uchar));
            }

            if (current.Bands != 3)
            {
                current = Replace(current, current.ExtractBand(0, n: 3));
            }

            return current;
        }
        catch
        {
            current.Dispose();
            throw;
        }
    }

    public static Image FitInside(Image image, int box) => image.Resize((double)box / Math.Max(image.Width, image.Height));

    public static Image CentreOnBlack(Image image, int size) =>
        image.Gravity(Enums.CompassDirection.Centre, size, size, extend: Enums.Extend.Black);

    public static byte[] WebP(Image image, int quality) => image.WebpsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);

    public static RgbImage ToRgb(Image image) => new(image.Width, image.Height, image.WriteToMemory<byte>());

    private static Image Replace(Image current, Image next)
    {
        current.Dispose();
        return next;
    }
}
