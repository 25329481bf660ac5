using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PatchDb.Api.Options;

namespace PatchDb.Api.Storage;

/// <summary>Blobs as files <c>root/ab/cd/abcd…</c>; staged copies in <c>root/.staging</c> (same volume, so rename is atomic).</summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const string StagingFolder = ".staging";
    private readonly string _root;
    private readonly string _staging;

    public FileSystemBlobStore(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.RootPath));
        _staging = Path.Combine(_root, StagingFolder);
        Directory.CreateDirectory(_staging);
    }

    public async Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var name = Guid.NewGuid().ToString("N") + ".tmp";
        var path = Path.Combine(_staging, name);
        try
        {
            long length = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await ReadSourceAsync(content, buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
            }
            return new StagedBlob(Convert.ToHexStringLower(hash.GetHashAndReset()), length, name);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Reading the source fails when the upload is cut short or malformed: that is bad input, not a storage fault.</summary>
    private static async Task<int> ReadSourceAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadAsync(buffer, cancellationToken);
        }
        // Kestrel's own verdicts (body over the request limit: 413) stay as they are.
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            throw new InvalidDataException("The content ended early or is malformed.", ex);
        }
    }

    public Task CommitAsync(StagedBlob staged, CancellationToken cancellationToken)
    {
        var target = PathOf(staged.Sha256);
        var source = Path.Combine(_staging, staged.StagingName);
        if (File.Exists(target))
        {
            File.Delete(source);
            return Task.CompletedTask;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(source, target, overwrite: true);
        return Task.CompletedTask;
    }

    public Task DiscardAsync(StagedBlob staged)
    {
        File.Delete(Path.Combine(_staging, staged.StagingName));
        return Task.CompletedTask;
    }

    public Task<Stream> OpenStagedAsync(StagedBlob staged, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(OpenFile(Path.Combine(_staging, staged.StagingName)));

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult<Stream?>(OpenFile(PathOf(sha256)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(sha256));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredBlobEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var file in new DirectoryInfo(_root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var staged = file.DirectoryName == _staging;
            if (!staged && (file.Name.Length != 64 || !file.Name.All(char.IsAsciiHexDigitLower)))
            {
                continue;
            }
            yield return new StoredBlobEntry(staged ? null : file.Name, file.Name, file.LastWriteTimeUtc);
        }
    }

    public Task DeleteStagedLeftoverAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(_staging, Path.GetFileName(name)));
        return Task.CompletedTask;
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a lower-case hex SHA-256.", nameof(sha256));
        }
        return Path.Combine(_root, sha256[..2], sha256[2..4], sha256);
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
}
