using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using PatchDb.Api.Options;

namespace PatchDb.Api.Storage;

/// <summary>
/// Blobs in an Azure Blob Storage container, named by their hash, through Azure.Storage.Blobs. Bytes are staged (and
/// hashed) on local disk first; committing is one conditional upload (If-None-Match: *), so bytes already stored
/// under a hash are never rewritten.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly FileSystemBlobStore _staging;
    private readonly BlobContainerClient _container;
    private readonly SemaphoreSlim _containerLock = new(1, 1);
    private bool _containerReady;

    public AzureBlobStore(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        _staging = new FileSystemBlobStore(options, environment);
        var azure = options.Value.AzureBlob;
        _container = new BlobContainerClient(
            azure.ConnectionString ?? throw new InvalidOperationException("Storage:AzureBlob:ConnectionString is not configured."),
            azure.Container);
    }

    public Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken) =>
        _staging.StageAsync(content, maxBytes, cancellationToken);

    public Task DiscardAsync(StagedBlob staged) => _staging.DiscardAsync(staged);

    public Task<Stream> OpenStagedAsync(StagedBlob staged, CancellationToken cancellationToken) =>
        _staging.OpenStagedAsync(staged, cancellationToken);

    public Task DeleteStagedLeftoverAsync(string name, CancellationToken cancellationToken) =>
        _staging.DeleteStagedLeftoverAsync(name, cancellationToken);

    public async Task CommitAsync(StagedBlob staged, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        await using (var file = await _staging.OpenStagedAsync(staged, cancellationToken))
        {
            try
            {
                await Blob(staged.Sha256).UploadAsync(file, new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // The bytes are already there.
            }
        }
        await _staging.DiscardAsync(staged);
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Blob(sha256).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string sha256, CancellationToken cancellationToken) =>
        await Blob(sha256).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async IAsyncEnumerable<StoredBlobEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var leftover in _staging.ListAsync(cancellationToken))
        {
            if (leftover.Sha256 is null)
            {
                yield return leftover;
            }
        }
        await EnsureContainerAsync(cancellationToken);
        await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (IsHash(blob.Name) && blob.Properties.LastModified is { } modified)
            {
                yield return new StoredBlobEntry(blob.Name, blob.Name, modified);
            }
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }
        await _containerLock.WaitAsync(cancellationToken);
        try
        {
            if (!_containerReady)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _containerReady = true;
            }
        }
        finally
        {
            _containerLock.Release();
        }
    }

    private BlobClient Blob(string sha256) =>
        IsHash(sha256) ? _container.GetBlobClient(sha256) : throw new ArgumentException("Not a lower-case hex SHA-256.", nameof(sha256));

    private static bool IsHash(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);
}
