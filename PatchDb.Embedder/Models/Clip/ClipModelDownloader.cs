using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// Fetches the pinned model files from <c>{Endpoint}/{Repository}/resolve/{Revision}/{file}</c> into a cache folder:
/// resumable through Range requests into <c>*.partial</c>, SHA-256 verified before a file gets its final name.
/// Any network failure becomes one <see cref="ClipModelUnavailableException"/>.
/// </summary>
public static class ClipModelDownloader
{
    public static async Task DownloadAsync(ClipModelOptions options, string folder, ILogger logger, CancellationToken ct)
    {
        var files = options.Files
            .Where(f => options.IncludeTextual || !f.Key.StartsWith(ClipModelLayout.TextualDir + "/", StringComparison.Ordinal))
            .ToList();
        var unpinned = files.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Key).ToList();
        if (string.IsNullOrWhiteSpace(options.Revision) || unpinned.Count > 0)
        {
            throw new ClipModelUnavailableException(
                $"CLIP model download of {options.Repository} is not pinned: set Embedder:Clip:Revision to a commit id and " +
                $"Embedder:Clip:Files:<path> to the SHA-256 of {(unpinned.Count > 0 ? string.Join(", ", unpinned) : "each file")}.");
        }

        using var http = CreateClient(options);
        foreach (var (file, sha256) in files)
        {
            var target = Path.Combine(folder, file);
            if (File.Exists(target) && string.Equals(await HashAsync(target, ct), sha256, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var url = $"{options.Endpoint.TrimEnd('/')}/{options.Repository}/resolve/{options.Revision}/{file}";
            try
            {
                await DownloadFileAsync(http, url, target, sha256, options.ReadTimeout, logger, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                throw new ClipModelUnavailableException($"Could not download the CLIP model from {url}: {Describe(ex)}", ex);
            }
        }
    }

    private static HttpClient CreateClient(ClipModelOptions options) =>
        new(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, AutomaticDecompression = DecompressionMethods.None })
        {
            // Whole files take minutes; stalls are caught per read instead (ReadTimeout).
            Timeout = Timeout.InfiniteTimeSpan,
        };

    private static async Task DownloadFileAsync(
        HttpClient http, string url, string target, string sha256, TimeSpan readTimeout, ILogger logger, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        ClipModelLog.Downloading(logger, url, offset);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        HttpResponseMessage sent;
        using (var headers = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            // Bounds the wait for the response headers only; the body is bounded per read below.
            headers.CancelAfter(readTimeout);
            sent = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, headers.Token);
        }

        using var response = sent;
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
        {
            // The partial file already holds everything (or is garbage): the hash below decides.
            await FinishAsync(partial, target, sha256, logger, ct);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        var total = (resumed ? offset : 0) + (response.Content.Headers.ContentLength ?? -1);
        await using (var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write))
        await using (var input = await response.Content.ReadAsStreamAsync(ct))
        {
            await CopyWithProgressAsync(input, output, Path.GetFileName(Path.GetDirectoryName(target)) + "/" + Path.GetFileName(target),
                total, readTimeout, logger, ct);
        }

        await FinishAsync(partial, target, sha256, logger, ct);
    }

    private static async Task CopyWithProgressAsync(
        Stream input, FileStream output, string name, long total, TimeSpan readTimeout, ILogger logger, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var nextReport = 0;
        while (true)
        {
            using var read = CancellationTokenSource.CreateLinkedTokenSource(ct);
            read.CancelAfter(readTimeout);
            var n = await input.ReadAsync(buffer, read.Token);
            if (n == 0)
            {
                return;
            }

            await output.WriteAsync(buffer.AsMemory(0, n), ct);
            var percent = total > 0 ? (int)(output.Length * 100 / total) : 0;
            if (total > 0 && percent >= nextReport)
            {
                ClipModelLog.Progress(logger, name, output.Length, total, percent);
                nextReport = percent / 10 * 10 + 10;
            }
        }
    }

    private static async Task FinishAsync(string partial, string target, string sha256, ILogger logger, CancellationToken ct)
    {
        var actual = await HashAsync(partial, ct);
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(partial);
            throw new ClipModelUnavailableException(
                $"The SHA-256 of downloaded {Path.GetFileName(target)} is {actual}, expected {sha256.ToLowerInvariant()}; the download was discarded.");
        }

        File.Move(partial, target, overwrite: true);
        ClipModelLog.Downloaded(logger, target, new FileInfo(target).Length);
    }

    public static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static string Describe(Exception ex) =>
        ex is OperationCanceledException ? "timed out" : ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
}
