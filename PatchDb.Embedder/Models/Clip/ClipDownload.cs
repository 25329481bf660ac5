namespace PatchDb.Embedder.Models.Clip;

/// <summary>A file <see cref="ClipModelDownloader"/> received: its size, SHA-256, and the commit the server said it came from.</summary>
public sealed record ClipDownload(long Size, string Sha256, string? Commit);
