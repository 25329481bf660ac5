namespace PatchDb.Api.Embedding;

/// <summary>A shortlist-only descriptor of the photo under its own model id (e.g. the whole-photo ResNet18 one).</summary>
public sealed record AuxiliaryEmbedding(string ModelId, float[] Embedding);
