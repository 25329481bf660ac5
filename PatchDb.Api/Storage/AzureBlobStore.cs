using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using PatchDb.Api.Options;

namespace PatchDb.Api.Storage;

/// <summary>
/// Blobs in an Azure Blob Storage container, named by their hash, through the Blob REST API with Shared Key auth (the
/// Azure SDK package is not available here). Bytes are staged (and hashed) on local disk first; committing is one
/// Put Blob, which Azure applies atomically, guarded by If-None-Match so existing bytes are never rewritten.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    public const string HttpClientName = "azure-blob";
    private readonly HttpClient _http;
    private readonly FileSystemBlobStore _staging;
    private readonly AzureSharedKey _key;
    private readonly Uri _container;
    private readonly SemaphoreSlim _containerLock = new(1, 1);
    private bool _containerReady;

    public AzureBlobStore(IHttpClientFactory httpClientFactory, IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        _http = httpClientFactory.CreateClient(HttpClientName);
        _staging = new FileSystemBlobStore(options, environment);
        var (endpoint, account, key) = options.Value.AzureBlob.Parse();
        _key = new AzureSharedKey(account, key);
        _container = new Uri(endpoint, options.Value.AzureBlob.Container + "/");
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
            using var request = new HttpRequestMessage(HttpMethod.Put, BlobUri(staged.Sha256)) { Content = new StreamContent(file) };
            request.Content.Headers.ContentLength = staged.Length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
            using var response = await SendAsync(request, cancellationToken);
            // 409: the bytes are already there.
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                await EnsureSuccessAsync(response, cancellationToken);
            }
        }
        await _staging.DiscardAsync(staged);
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, BlobUri(sha256));
        var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    public async Task DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, BlobUri(sha256)), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

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
        string? marker = null;
        do
        {
            var uri = new Uri(_container.ToString().TrimEnd('/') + "?restype=container&comp=list&maxresults=1000"
                + (marker is null ? "" : "&marker=" + Uri.EscapeDataString(marker)));
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
            await EnsureSuccessAsync(response, cancellationToken);
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            foreach (var blob in xml.Descendants("Blob"))
            {
                var name = blob.Element("Name")!.Value;
                var modified = DateTimeOffset.Parse(blob.Element("Properties")!.Element("Last-Modified")!.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (name.Length == 64 && name.All(char.IsAsciiHexDigitLower))
                {
                    yield return new StoredBlobEntry(name, name, modified);
                }
            }
            marker = xml.Root?.Element("NextMarker")?.Value;
        }
        while (!string.IsNullOrEmpty(marker));
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
                var uri = new Uri(_container.ToString().TrimEnd('/') + "?restype=container");
                using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Put, uri), cancellationToken);
                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    await EnsureSuccessAsync(response, cancellationToken);
                }
                _containerReady = true;
            }
        }
        finally
        {
            _containerLock.Release();
        }
    }

    private Uri BlobUri(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)
            ? new Uri(_container, sha256)
            : throw new ArgumentException("Not a lower-case hex SHA-256.", nameof(sha256));

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        _key.Sign(request);
        return _http.SendAsync(request, completion, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new IOException($"Azure Blob Storage answered {(int)response.StatusCode}: {body}");
        }
    }
}
