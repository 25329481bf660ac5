namespace PatchDb.Embedder.Models;

/// <summary>
/// One image (and optionally text) embedding model. Every vector it returns is L2-normalised and belongs to
/// <see cref="ModelId"/>: vectors of different model ids are never compared.
/// </summary>
public interface IEmbeddingModel
{
    string ModelId { get; }

    int Dimensions { get; }

    /// <summary>The long side, in pixels, the decoder should shrink photos to before calling <see cref="EmbedImages"/>.</summary>
    int PreferredInputLongSide { get; }

    bool SupportsText { get; }

    /// <summary>Where the weights came from (a folder, a download, "built-in").</summary>
    string Source { get; }

    /// <summary>Embeds a batch; result[i] belongs to images[i]. Implementations must be thread-safe.</summary>
    float[][] EmbedImages(IReadOnlyList<RgbImage> images);

    /// <summary>Embeds text; throws <see cref="NotSupportedException"/> when <see cref="SupportsText"/> is false.</summary>
    float[] EmbedText(string text);
}
