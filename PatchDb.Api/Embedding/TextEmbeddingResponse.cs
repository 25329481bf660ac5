namespace PatchDb.Api.Embedding;

public sealed record TextEmbeddingResponse(string ModelId, float[] Embedding);
