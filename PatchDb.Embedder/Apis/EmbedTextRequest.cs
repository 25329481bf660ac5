namespace PatchDb.Embedder.Apis;

public sealed record EmbedTextRequest(string? Text);
