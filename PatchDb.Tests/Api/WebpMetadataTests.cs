using System.Buffers.Binary;
using System.Text;
using PatchDb.Api.Services;

namespace PatchDb.Tests.Api;

/// <summary>The WebP metadata stripper on hand-built files: EXIF and XMP chunks go, their VP8X flags are cleared, the
/// image chunk stays byte for byte, and malformed files are refused.</summary>
public sealed class WebpMetadataTests
{
    [Fact]
    public void Exif_and_xmp_chunks_go_and_the_image_stays()
    {
        var vp8x = Chunk("VP8X", [0x08 | 0x04 | 0x20, 0, 0, 0, 9, 0, 0, 9, 0, 0]);
        var image = Chunk("VP8 ", [1, 2, 3, 4, 5]);
        var file = Riff([.. vp8x, .. Chunk("ICCP", [7, 7]), .. image, .. Chunk("EXIF", Encoding.ASCII.GetBytes("Exif\0\0GPS")), .. Chunk("XMP ", [9])]);

        var stripped = WebpMetadata.Strip(file)!;

        Assert.Equal(Riff([.. Chunk("VP8X", [0x20, 0, 0, 0, 9, 0, 0, 9, 0, 0]), .. Chunk("ICCP", [7, 7]), .. image]), stripped);
        Assert.False(ExifJpeg.HasMetadata(stripped));
        Assert.Equal(stripped, WebpMetadata.Strip(stripped));
    }

    [Fact]
    public void Malformed_files_are_refused()
    {
        var good = Riff(Chunk("VP8 ", [1, 2, 3]));
        Assert.NotNull(WebpMetadata.Strip(good));
        Assert.Null(WebpMetadata.Strip([]));
        Assert.Null(WebpMetadata.Strip(good[..^1]));
        Assert.Null(WebpMetadata.Strip(Encoding.ASCII.GetBytes("GIF89a not a webp file")));
        var lying = good.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(lying.AsSpan(16), 1000);
        Assert.Null(WebpMetadata.Strip(lying));
    }

    private static byte[] Chunk(string fourCc, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    private static byte[] Riff(byte[] chunks)
    {
        var file = new byte[12 + chunks.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + chunks.Length));
        "WEBP"u8.CopyTo(file.AsSpan(8));
        chunks.CopyTo(file, 12);
        return file;
    }
}
