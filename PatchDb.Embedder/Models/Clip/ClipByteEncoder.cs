namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// CLIP's reversible byte → character map: printable Latin-1 bytes map to themselves, the rest to U+0100 onwards,
/// so every UTF-8 byte sequence becomes a string of vocabulary characters without whitespace or control codes.
/// </summary>
internal static class ClipByteEncoder
{
    private static readonly char[] s_map = Build();

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = s_map[bytes[i]];
        }

        return new string(chars);
    }

    private static char[] Build()
    {
        var result = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            result[b] = printable ? (char)b : (char)next++;
        }

        return result;
    }
}
