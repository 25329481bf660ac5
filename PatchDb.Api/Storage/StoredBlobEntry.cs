namespace PatchDb.Api.Storage;

/// <param name="Sha256">Hash of a committed blob, or null for a leftover staged file named <paramref name="Name"/>.</param>
public sealed record StoredBlobEntry(string? Sha256, string Name, DateTimeOffset LastModified);
