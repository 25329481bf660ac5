namespace PatchDb.Embedder.Apis;

public sealed record EmbedTextResponse(string ModelId, float[] Embedding);
