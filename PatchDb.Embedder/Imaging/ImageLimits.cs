namespace PatchDb.Embedder.Imaging;

/// <summary>Limits checked before any pixel is decoded (configuration section "Embedder:Limits").</summary>
public sealed class ImageLimits
{
    public const string SectionName = "Embedder:Limits";

    public long MaxBytes { get; set; } = 30L * 1024 * 1024;

    public long MaxPixels { get; set; } = 100_000_000;
}
