using System.Buffers.Binary;

namespace PatchDb.Api.Services;

/// <summary>
/// Removes the EXIF and XMP chunks (and their VP8X flags) from a WebP file, leaving the image data untouched. The
/// derived thumbnails and squares are meant to be written without metadata, but the Embedder's libvips (8.18) still
/// copies the photo's EXIF — GPS position included — into them; whatever a share link serves goes through here.
/// </summary>
public static class WebpMetadata
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    /// <summary>The file without metadata chunks, or null when the bytes are not a well-formed WebP file.</summary>
    public static byte[]? Strip(ReadOnlySpan<byte> webp)
    {
        if (webp.Length < 12 || !webp[..4].SequenceEqual("RIFF"u8) || !webp[8..12].SequenceEqual("WEBP"u8)
            || BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]) + 8L != webp.Length)
        {
            return null;
        }
        using var output = new MemoryStream(webp.Length);
        output.Write(webp[..12]);
        for (var at = 12; at < webp.Length;)
        {
            if (webp.Length - at < 8)
            {
                return null;
            }
            var fourCc = webp.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(at + 4)..]);
            var padded = size + (size & 1);
            if (padded > (uint)(webp.Length - at - 8))
            {
                return null;
            }
            var chunk = webp.Slice(at, 8 + (int)padded);
            at += chunk.Length;
            if (fourCc.SequenceEqual("EXIF"u8) || fourCc.SequenceEqual("XMP "u8))
            {
                continue;
            }
            if (fourCc.SequenceEqual("VP8X"u8) && size >= 1)
            {
                var header = chunk.ToArray();
                header[8] &= unchecked((byte)~(ExifFlag | XmpFlag));
                output.Write(header);
                continue;
            }
            output.Write(chunk);
        }
        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
