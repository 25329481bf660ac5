using System.Buffers.Binary;
using System.Text;
using PatchDb.Embedder.Benchmarks;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

/// <summary>Test inputs built byte by byte, so they don't depend on the code under test (the untrusted ones come from
/// <see cref="BadInputs"/>, shared with the rejection benchmark).</summary>
internal static class TestPhotos
{
    /// <summary>A real 1024×768 landscape JPEG from the benchmark (no EXIF).</summary>
    public static byte[] BenchLandscapeJpeg() =>
        File.ReadAllBytes(Path.Combine(RepoPaths.BenchPatches, "gallery", "flag-ae_0.jpg"));

    /// <summary>Inserts an APP1 Exif segment right after SOI whose IFD0 holds one entry: Orientation = value.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);        // offset of IFD0
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);        // one entry
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);  // Orientation
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);       // SHORT
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);       // count
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
        // next-IFD offset (last 4 bytes) stays 0.
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    public static byte[] PngHeaderOnly(int width, int height) => BadInputs.PngHeaderOnly(width, height);

    /// <summary>A real PNG: colour type 6 (RGBA, 8 bits) or 0 with 16-bit grey, pixels from <paramref name="pixel"/>.</summary>
    public static byte[] Png(int width, int height, bool grey16, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var bytesPerPixel = grey16 ? 2 : 4;
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                raw.Write(grey16 ? [r, r] : [r, g, b, a]);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)(bytesPerPixel == 2 ? 16 : 8);
        ihdr[9] = (byte)(grey16 ? 0 : 6);
        BadInputs.WritePngChunk(png, "IHDR", ihdr);
        BadInputs.WritePngChunk(png, "IDAT", compressed.ToArray());
        BadInputs.WritePngChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Svg() => BadInputs.Svg();

    public static byte[] Pdf() => BadInputs.Pdf();

    public static byte[] Text() => BadInputs.Text();

    public static byte[] RandomBytes(int length, int seed) => BadInputs.RandomBytes(length, seed);
}
