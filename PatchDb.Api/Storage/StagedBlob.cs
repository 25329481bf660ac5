namespace PatchDb.Api.Storage;

/// <param name="Sha256">Lower-case hex SHA-256 of the bytes.</param>
/// <param name="StagingName">Store-specific name of the staged copy.</param>
public sealed record StagedBlob(string Sha256, long Length, string StagingName);
