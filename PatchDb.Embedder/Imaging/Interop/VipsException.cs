namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>A libvips call failed; the message is libvips' error buffer.</summary>
internal sealed class VipsException(string message) : Exception(message);
