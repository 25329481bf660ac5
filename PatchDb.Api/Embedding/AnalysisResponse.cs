namespace PatchDb.Api.Embedding;

/// <summary>The Embedder's <c>/v1/analyze</c> answer (docs/architecture.md).</summary>
public sealed record AnalysisResponse(
    string ModelId,
    float[] Embedding,
    string Sha256,
    int Width,
    int Height,
    string Format,
    byte[] ThumbnailWebp,
    byte[] SquareWebp,
    bool Cached);
