namespace PatchDb.Embedder.Models.Clip;

/// <summary>One trusted file of <see cref="ClipModelLock"/>: what was received the first time, and when.</summary>
public sealed record ClipLockedFile(string File, long Size, string Sha256, DateTimeOffset DownloadedAt);
