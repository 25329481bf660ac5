namespace PatchDb.Embedder.Apis;

/// <summary>A second descriptor of the photo, of its own model id, for the shortlist only (never the decision alone):
/// e.g. the whole-photo ResNet18 descriptor, which does not depend on finding the patch.</summary>
public sealed record AuxiliaryEmbedding(string ModelId, float[] Embedding);
