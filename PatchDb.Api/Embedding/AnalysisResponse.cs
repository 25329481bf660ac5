namespace PatchDb.Api.Embedding;

/// <summary>The Embedder's <c>/v1/analyze</c> answer (docs/architecture.md). <see cref="LocalFeatures"/> is the
/// PDLF blob of keypoints and descriptors, absent when the Embedder could not compute them. <see cref="CutoutWebp"/> is
/// the patch cut out (WebP with alpha) and <see cref="CutoutConfidence"/> the segmentation's confidence, 0..1.</summary>
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
    byte[]? CutoutWebp = null,
    double? CutoutConfidence = null,
    IReadOnlyList<AuxiliaryEmbedding>? AuxiliaryEmbeddings = null,
    PatchOutline? Patch = null);
