using System.Runtime.InteropServices;
using PatchDb.Embedder.Imaging.Interop;

namespace PatchDb.Embedder.Imaging;

/// <summary>
/// Decodes untrusted photo bytes with libvips: checks size and header limits before any pixel is decoded, then
/// shrinks on load, applies EXIF orientation and converts to 8-bit sRGB. Thread-safe.
/// </summary>
public sealed class PhotoDecoder(ImageLimits limits)
{
    private const int ThumbnailBox = 128;
    private const int SquareSide = 512;
    private const int WebPQuality = 82;

    public DecodedPhoto Decode(byte[] bytes, int workingLongSide)
    {
        var (format, width, height) = Inspect(bytes);
        using var working = DecodeWorking(bytes, workingLongSide);
        try
        {
            // Pixels are decoded here, lazily: truncation shows up now, not when the pipeline was built.
            return new DecodedPhoto(format, width, height, ImageOps.ToRgb(working));
        }
        catch (VipsException e)
        {
            throw ImageRejectedException.Corrupt($"The image could not be decoded: {e.Message}");
        }
    }

    /// <summary>Decodes once at the larger of the two sizes and derives the model input, thumbnail and square from it.</summary>
    public AnalyzedPhoto DecodeWithDerivatives(byte[] bytes, int workingLongSide)
    {
        var (format, width, height) = Inspect(bytes);
        using var lazy = DecodeWorking(bytes, Math.Max(workingLongSide, SquareSide));
        try
        {
            using var decoded = lazy.CopyMemory();
            using var working = Math.Max(decoded.Width, decoded.Height) > workingLongSide
                ? ImageOps.FitInside(decoded, workingLongSide)
                : ImageOps.Run("copy", decoded);
            using var thumbnail = ImageOps.FitInside(decoded, ThumbnailBox);
            using var fitted = ImageOps.FitInside(decoded, SquareSide);
            using var square = ImageOps.CentreOnBlack(fitted, SquareSide);
            var photo = new DecodedPhoto(format, width, height, ImageOps.ToRgb(working));
            return new AnalyzedPhoto(photo, ImageOps.WebP(thumbnail, WebPQuality), ImageOps.WebP(square, WebPQuality));
        }
        catch (VipsException e)
        {
            throw ImageRejectedException.Corrupt($"The image could not be decoded: {e.Message}");
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
        var loader = FindLoader(bytes)
            ?? throw ImageRejectedException.Unsupported("The bytes are not an image in a known format.");
        var format = VipsRuntime.AllowedLoaders.FirstOrDefault(a => loader.StartsWith(a.ClassPrefix, StringComparison.Ordinal)).Format
            ?? throw ImageRejectedException.Unsupported(
                $"This image format is not accepted ({FormatName(loader)}); send JPEG, PNG, WebP, GIF, TIFF, HEIF or AVIF.");

        try
        {
            using var op = VipsOperation.Create(loader).Set("buffer", bytes).Build();
            using var header = op.GetImage("out");
            long width = header.Width, height = header.Height;
            if (width * height > limits.MaxPixels)
            {
                throw ImageRejectedException.TooLarge(
                    $"The image is {width}×{height} pixels ({width * height / 1e6:0.#} MP); the limit is {limits.MaxPixels / 1e6:0.#} MP.");
            }

            if (format == "heif" && header.GetString("heif-compression") == "av1")
            {
                format = "avif";
            }

            // EXIF orientations 5–8 turn the image by 90°.
            var swap = header.GetInt("orientation") is >= 5 and <= 8;
            return (format, (int)(swap ? height : width), (int)(swap ? width : height));
        }
        catch (VipsException e)
        {
            throw ImageRejectedException.Corrupt($"The image header could not be read: {e.Message}");
        }
    }

    private static VipsImage DecodeWorking(byte[] bytes, int longSide)
    {
        try
        {
            using var loaded = ImageOps.ThumbnailBuffer(bytes, longSide);
            return ImageOps.ToSrgb8(loaded);
        }
        catch (VipsException e)
        {
            throw ImageRejectedException.Corrupt($"The image could not be decoded: {e.Message}");
        }
    }

    private static unsafe string? FindLoader(byte[] bytes)
    {
        fixed (byte* data = bytes)
        {
            var name = VipsNative.vips_foreign_find_load_buffer((nint)data, (nuint)bytes.Length);
            if (name == 0)
            {
                VipsNative.vips_error_clear();
                return null;
            }

            return Marshal.PtrToStringUTF8(name);
        }
    }

    // "VipsForeignLoadSvgBuffer" → "svg".
    private static string FormatName(string loader) =>
        loader.Replace("VipsForeignLoad", "", StringComparison.Ordinal).Replace("Buffer", "", StringComparison.Ordinal).ToLowerInvariant();
}
