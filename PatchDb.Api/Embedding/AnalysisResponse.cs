namespace PatchDb.Api.Embedding;

/// <summary>The Embedder's <c>/v1/analyze</c> answer (docs/architecture.md). <see cref="LocalFeatures"/> is the
/// PDLF blob of keypoints and descriptors, absent when the Embedder could not compute them.</summary>
public sealed record AnalysisResponse(
    string ModelId,
    float[] Embedding,
    string Sha256,
    int Width,
    int Height,
    string Format,
    byte[] ThumbnailWebp,
    byte[] SquareWebp,
    bool Cached,
    byte[]? LocalFeatures = null,
    IReadOnlyList<AuxiliaryEmbedding>? AuxiliaryEmbeddings = null,
    PatchOutline? Patch = null);
