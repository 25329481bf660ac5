namespace PatchDb.Api.Embedding;

public sealed record ModelInfo(string ModelId, int Dimensions, bool SupportsText, string? Source);
