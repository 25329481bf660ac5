namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Built-in, weight-free descriptor for photos of flat patches: finds the patch, normalises pose (affine moments),
/// light (grey-world + rank exposure) and rotation (invariant polar spectra). Stateless, so thread-safe and deterministic.
/// </summary>
public sealed class ClassicV1Model : IEmbeddingModel
{
    private static readonly Lazy<int> Dims = new(() => ClassicDescriptor.Dimensions);

    /// <summary>
    /// "Same design" cut-off for the cosine of two classic-v1 vectors, calibrated on the public benchmark's gallery
    /// photos only (`bench-recall`); the Api's default for this model id.
    /// </summary>
    public const float SuggestedThreshold = 0.912f;

    public string ModelId => "classic-v1";

    public int Dimensions => Dims.Value;

    public int PreferredInputLongSide => 512;

    public bool SupportsText => false;

    public string Source => "built-in";

    public float[][] EmbedImages(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[images.Count][];
        for (var i = 0; i < images.Count; i++) result[i] = ClassicDescriptor.Compute(images[i]);
        return result;
    }

    public float[] EmbedText(string text) =>
        throw new NotSupportedException("classic-v1 has no text encoder: text search needs a CLIP model.");
}
