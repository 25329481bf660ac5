namespace PatchDb.Embedder.Imaging;

/// <summary>The bytes were refused; <see cref="StatusCode"/> is the HTTP status to answer with (413, 415 or 422).</summary>
public sealed class ImageRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public static ImageRejectedException TooLarge(string detail) => new(413, "Image too large", detail);

    public static ImageRejectedException Unsupported(string detail) => new(415, "Not a supported image", detail);

    public static ImageRejectedException Corrupt(string detail) => new(422, "Corrupt or truncated image", detail);
}
