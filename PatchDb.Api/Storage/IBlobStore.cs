namespace PatchDb.Api.Storage;

/// <summary>
/// Content-addressed bytes keyed by lower-case hex SHA-256. Writing is two-phase: <see cref="StageAsync"/> streams the
/// bytes aside while hashing them, <see cref="CommitAsync"/> publishes them under their hash. Reference counting and
/// the decision to delete live in <see cref="BlobReferences"/>, which serialises both per hash.
/// </summary>
public interface IBlobStore
{
    /// <exception cref="BlobTooLargeException">The content is longer than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="InvalidDataException">Reading <paramref name="content"/> failed (a cut or malformed upload).</exception>
    Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Publishes staged bytes under their hash; a no-op for bytes that are already stored.</summary>
    Task CommitAsync(StagedBlob staged, CancellationToken cancellationToken);

    /// <summary>Removes the staged copy if it still exists (after a commit or when giving up).</summary>
    Task DiscardAsync(StagedBlob staged);

    Task<Stream> OpenStagedAsync(StagedBlob staged, CancellationToken cancellationToken);

    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken);

    Task DeleteAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Every stored blob and every leftover staged file, with its age, for the orphan sweep.</summary>
    IAsyncEnumerable<StoredBlobEntry> ListAsync(CancellationToken cancellationToken);

    Task DeleteStagedLeftoverAsync(string name, CancellationToken cancellationToken);
}
