namespace PatchDb.Api.Model;

/// <summary>The embedding of one image by one model; vectors of different models are never compared.</summary>
public sealed class ImageEmbedding
{
    public Guid ImageId { get; set; }

    public required string ModelId { get; set; }

    // L2-normalised, so cosine similarity is a dot product.
    public required float[] Vector { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
