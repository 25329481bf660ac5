namespace PatchDb.Tests.Embedder;

/// <summary>The Embedder's analysis answer as PatchDb.Api reads it (a copy of the contract in docs/architecture.md).</summary>
internal sealed record AnalysisResult(
    string ModelId, float[] Embedding, string Sha256, int Width, int Height, string Format,
    byte[] ThumbnailWebp, byte[] SquareWebp, bool Cached, byte[]? LocalFeatures = null, byte[]? CutoutWebp = null,
    double? CutoutConfidence = null, IReadOnlyList<PatchDb.Embedder.Apis.AuxiliaryEmbedding>? AuxiliaryEmbeddings = null);
