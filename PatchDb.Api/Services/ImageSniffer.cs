namespace PatchDb.Api.Services;

/// <summary>Recognises the container formats the Embedder can decode from their first bytes. Only a cheap gate for
/// uploads accepted while the Embedder is away; the Embedder has the final word.</summary>
public static class ImageSniffer
{
    public const int HeaderLength = 16;

    public static string? ContentType(ReadOnlySpan<byte> header) => header switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => "image/tiff",
        [(byte)'B', (byte)'M', ..] => "image/bmp",
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'a', (byte)'v', (byte)'i', ..] => "image/avif",
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => "image/heic",
        _ => null,
    };

    public static async Task<string?> ContentTypeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        return ContentType(header.AsSpan(0, read));
    }
}
