using NetVips;

namespace PatchDb.Embedder.Imaging;

/// <summary>
/// Decodes untrusted photo bytes with libvips: checks size and header limits before any pixel is decoded, then
/// shrinks on load, applies EXIF orientation and converts to 8-bit sRGB. Thread-safe.
/// </summary>
/// <remarks>
/// A rejection's detail is built only from what this request's own bytes told us (size, format, stage), never from
/// libvips' error text: that lives in one process-wide buffer which every failing operation appends to and NetVips
/// reads and clears after the fact, so under concurrent failures it can hold another request's message.
/// </remarks>
public sealed class PhotoDecoder(ImageLimits limits)
{
    private const int ThumbnailBox = 128;
    private const int SquareSide = 512;
    private const int WebPQuality = 82;

    public DecodedPhoto Decode(byte[] bytes, int workingLongSide)
    {
        var (format, width, height) = Inspect(bytes);
        try
        {
            using var loaded = ImageOps.ThumbnailBuffer(bytes, workingLongSide);
            using var working = ImageOps.ToSrgb8(loaded);
            // Pixels are decoded here, lazily: truncation shows up now, not when the pipeline was built.
            return new DecodedPhoto(format, width, height, ImageOps.ToRgb(working));
        }
        catch (VipsException)
        {
            throw Undecodable(format);
        }
    }

    /// <summary>Decodes once at the larger of the two sizes and derives the model input, thumbnail and square from it.</summary>
    public AnalyzedPhoto DecodeWithDerivatives(byte[] bytes, int workingLongSide)
    {
        var (format, width, height) = Inspect(bytes);
        try
        {
            using var loaded = ImageOps.ThumbnailBuffer(bytes, Math.Max(workingLongSide, SquareSide));
            using var lazy = ImageOps.ToSrgb8(loaded);
            using var decoded = lazy.CopyMemory();
            using var working = Math.Max(decoded.Width, decoded.Height) > workingLongSide
                ? ImageOps.FitInside(decoded, workingLongSide)
                : decoded.Copy();
            using var thumbnail = ImageOps.FitInside(decoded, ThumbnailBox);
            using var fitted = ImageOps.FitInside(decoded, SquareSide);
            using var square = ImageOps.CentreOnBlack(fitted, SquareSide);
            var photo = new DecodedPhoto(format, width, height, ImageOps.ToRgb(working));
            return new AnalyzedPhoto(photo, ImageOps.WebP(thumbnail, WebPQuality), ImageOps.WebP(square, WebPQuality));
        }
        catch (VipsException)
        {
            throw Undecodable(format);
        }
    }

    /// <summary>Finds the loader and reads only the header: format, oriented size, and the byte/pixel limits.</summary>
    private (string Format, int Width, int Height) Inspect(byte[] bytes)
    {
        if (bytes.Length > limits.MaxBytes)
        {
            throw ImageRejectedException.TooLarge($"The image is {bytes.Length} bytes; the limit is {limits.MaxBytes} bytes.");
        }

        if (bytes.Length == 0)
        {
            throw ImageRejectedException.Unsupported("The request body is empty.");
        }

        VipsRuntime.EnsureStarted();
        // Blocked loaders (SVG, PDF, ...) are not found at all, so they land here too.
        var loader = Image.FindLoadBuffer(bytes)
            ?? throw ImageRejectedException.Unsupported(
                "The bytes are not an image in an accepted format; send JPEG, PNG, WebP, GIF, TIFF, HEIF or AVIF.");
        var format = VipsRuntime.AllowedLoaders.FirstOrDefault(a => loader.StartsWith(a.ClassPrefix, StringComparison.Ordinal)).Format
            ?? throw ImageRejectedException.Unsupported(
                $"This image format is not accepted ({FormatName(loader)}); send JPEG, PNG, WebP, GIF, TIFF, HEIF or AVIF.");

        try
        {
            // Header only: libvips loads lazily and reads no pixels until they are asked for.
            using var header = Image.NewFromBuffer(bytes);
            long width = header.Width, height = header.Height;
            if (width * height > limits.MaxPixels)
            {
                throw ImageRejectedException.TooLarge(
                    $"The image is {width}×{height} pixels ({width * height / 1e6:0.#} MP); the limit is {limits.MaxPixels / 1e6:0.#} MP.");
            }

            if (format == "heif" && header.Contains("heif-compression") && header.Get("heif-compression") is "av1")
            {
                format = "avif";
            }

            // EXIF orientations 5–8 turn the image by 90°.
            var swap = header.Contains("orientation") && header.Get("orientation") is int and >= 5 and <= 8;
            return (format, (int)(swap ? height : width), (int)(swap ? width : height));
        }
        catch (VipsException)
        {
            throw ImageRejectedException.Corrupt($"The {format} header could not be read: the file is truncated or corrupt.");
        }
    }

    private static ImageRejectedException Undecodable(string format) =>
        ImageRejectedException.Corrupt($"The {format} image could not be decoded: its data is truncated or corrupt.");

    // "VipsForeignLoadSvgBuffer" → "svg".
    private static string FormatName(string loader) =>
        loader.Replace("VipsForeignLoad", "", StringComparison.Ordinal).Replace("Buffer", "", StringComparison.Ordinal).ToLowerInvariant();
}
