namespace PatchDb.Embedder.Apis;

public sealed record ModelInfoResponse(string ModelId, int Dimensions, bool SupportsText, string Source);
