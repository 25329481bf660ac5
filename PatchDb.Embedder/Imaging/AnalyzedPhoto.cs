namespace PatchDb.Embedder.Imaging;

/// <summary>A decoded photo plus its stored derivatives: a WebP fitting 128×128 and a 512×512 WebP square.</summary>
public sealed record AnalyzedPhoto(DecodedPhoto Photo, byte[] ThumbnailWebp, byte[] SquareWebp);
