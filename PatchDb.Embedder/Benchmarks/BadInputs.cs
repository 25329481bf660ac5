using System.Buffers.Binary;
using System.Text;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// Untrusted uploads that must be refused, built byte by byte (no decoder involved): shared by the rejection
/// benchmark and the tests, so both measure the same inputs.
/// </summary>
public static class BadInputs
{
    /// <summary>Each input with the status the Embedder must answer; <paramref name="jpeg"/> is any real photo.</summary>
    public static IReadOnlyList<(string Name, int Status, byte[] Bytes)> All(byte[] jpeg) =>
    [
        ("random", 415, RandomBytes(50_000, seed: 7)),
        ("empty", 415, []),
        ("text.jpg", 415, Text()),
        ("svg", 415, Svg()),
        ("pdf", 415, Pdf()),
        ("truncated", 422, jpeg[..(jpeg.Length * 6 / 10)]),
        ("png-30000x30000", 413, PngHeaderOnly(30000, 30000)),
        ("header-only-jpeg", 422, jpeg[..700]),
    ];

    /// <summary>A valid PNG signature and IHDR claiming width×height RGB, a few bytes of IDAT, IEND.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // truecolour
        WritePngChunk(png, "IHDR", ihdr);
        WritePngChunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        WritePngChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Svg() => Encoding.UTF8.GetBytes(
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="80"><rect width="100" height="80" fill="red"/></svg>""");

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 80]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Text() => Encoding.UTF8.GetBytes("This is a shopping list, not a photo.\nmilk\neggs\n");

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>One PNG chunk: length, type, data, CRC-32 of type + data.</summary>
    public static void WritePngChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        stream.Write(word);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
