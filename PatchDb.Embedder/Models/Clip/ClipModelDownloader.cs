using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// Fetches files from <c>{Endpoint}/{Repository}/resolve/{revision}/{file}</c> like Hugging Face's own clients:
/// into <c>{file}.part</c>, resumed with a Range request after an interruption, renamed once complete and checked.
/// Redirects are followed here rather than by the handler, so the hub's own headers are seen: <c>X-Repo-Commit</c>
/// (the commit a branch resolved to) and, for LFS files, <c>X-Linked-Etag</c> (their SHA-256), which checks a file
/// that no pin or lock vouches for yet. Any network failure becomes one <see cref="ClipModelUnavailableException"/>.
/// </summary>
public sealed class ClipModelDownloader(ClipModelOptions options, ILogger logger) : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = options.ConnectTimeout,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        // Whole files take minutes; stalls are caught per read instead (ReadTimeout).
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { { "User-Agent", "PatchDb.Embedder" } },
    };

    /// <summary>Downloads <paramref name="file"/> to <paramref name="target"/>; with <paramref name="expected"/> (a pin or
    /// the lock's hash) anything else is discarded.</summary>
    public async Task<ClipDownload> DownloadAsync(string revision, string file, string target, string? expected, CancellationToken ct)
    {
        var url = new Uri($"{options.Endpoint.TrimEnd('/')}/{options.Repository}/resolve/{revision}/{file}");
        try
        {
            return await FetchAsync(url, file, target, expected, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new ClipModelUnavailableException($"Could not download the CLIP model from {url}: {Describe(ex)}", ex);
        }
    }

    private async Task<ClipDownload> FetchAsync(Uri url, string file, string target, string? expected, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var part = target + ".part";
        var offset = File.Exists(part) ? new FileInfo(part).Length : 0;
        var (sent, commit, advertised) = await SendAsync(url, offset, ct);
        using var response = sent;
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            // The .part is no prefix of the file (it changed, or the .part is whole already): start again.
            File.Delete(part);
            return await FetchAsync(url, file, target, expected, ct);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (resumed && response.Content.Headers.ContentRange?.From != offset)
        {
            File.Delete(part);
            throw new HttpRequestException($"the server answered a resume at byte {offset} with {response.Content.Headers.ContentRange}");
        }

        offset = resumed ? offset : 0;
        var total = response.Content.Headers.ContentLength is { } length ? offset + length : -1;
        ClipModelLog.Downloading(logger, file, total, offset);
        await using (var output = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write))
        await using (var input = await response.Content.ReadAsStreamAsync(ct))
        {
            await new ClipDownloadProgress(logger, file, total, options.ReadTimeout).CopyAsync(input, output, ct);
        }

        var actual = await HashAsync(part, ct);
        if (resumed && !Matches(actual, expected ?? advertised))
        {
            // The kept prefix came from other bytes (a branch that moved since): one fresh attempt decides.
            ClipModelLog.ResumeDiscarded(logger, file);
            File.Delete(part);
            return await FetchAsync(url, file, target, expected, ct);
        }

        return Finish(part, target, file, actual, expected, advertised, commit);
    }

    private static bool Matches(string actual, string? check) =>
        check is null || string.Equals(actual, check, StringComparison.OrdinalIgnoreCase);

    private async Task<(HttpResponseMessage Response, string? Commit, string? Advertised)> SendAsync(Uri url, long offset, CancellationToken ct)
    {
        string? commit = null, advertised = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            HttpResponseMessage response;
            using (var headers = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                // Bounds the wait for the response headers only; the body is bounded per read.
                headers.CancelAfter(options.ReadTimeout);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
            }

            commit ??= Header(response, "X-Repo-Commit");
            advertised ??= Header(response, "X-Linked-Etag") is { Length: 64 } sha && sha.All(char.IsAsciiHexDigit) ? sha.ToLowerInvariant() : null;
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                response.Dispose();
                continue;
            }

            return (response, commit, advertised);
        }
    }

    private ClipDownload Finish(string part, string target, string file, string actual, string? expected, string? advertised, string? commit)
    {
        var check = expected ?? advertised;
        if (!Matches(actual, check))
        {
            File.Delete(part);
            throw new ClipModelUnavailableException(
                $"The SHA-256 of downloaded {file} is {actual}, expected {check!.ToLowerInvariant()} "
                + $"({(expected is null ? "as the server announced" : "pinned or locked")}); the download was discarded.");
        }

        File.Move(part, target, overwrite: true);
        var size = new FileInfo(target).Length;
        ClipModelLog.Downloaded(logger, file, size, actual);
        return new ClipDownload(size, actual, commit);
    }

    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim().Trim('"') : null;

    private static string Describe(Exception ex) =>
        ex is OperationCanceledException ? "timed out" : ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
