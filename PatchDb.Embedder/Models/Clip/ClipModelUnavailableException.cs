namespace PatchDb.Embedder.Models.Clip;

/// <summary>The CLIP model could not be found or fetched; the message is one line fit for the service log.</summary>
public sealed class ClipModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
