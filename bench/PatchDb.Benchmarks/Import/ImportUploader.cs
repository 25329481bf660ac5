using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PatchDb.Benchmarks.Recognition;

namespace PatchDb.Benchmarks.Import;

/// <summary>
/// Uploads the way the Web's bulk importer does: a few at a time, one Idempotency-Key per photo for all its attempts,
/// waiting out 429 for as long as Retry-After says and retrying transport failures and 5xx with a growing pause.
/// </summary>
public sealed class ImportUploader(PatchDbApiClient client)
{
    private const int MaxTransientAttempts = 6;

    public async Task<ImportUpload> UploadAsync(int index, byte[] bytes, bool replay, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString("N");
        var (attempts, limited, transient) = (0, 0, 0);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            attempts++;
            HttpResponseMessage response;
            try
            {
                response = await client.SendUploadAsync(bytes, key, ct);
            }
            catch (HttpRequestException) when (++transient < MaxTransientAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, transient - 1)), ct);
                continue;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.Conflict
                    || (int)response.StatusCode >= 500 && ++transient < MaxTransientAttempts)
                {
                    limited += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                    continue;
                }

                var latency = Stopwatch.GetElapsedTime(started);
                var body = await Parse(response, ct);
                var patchId = body.GetProperty("patch").GetProperty("id").GetString()!;
                var pending = body.GetProperty("status").GetString() == "pending";
                // A lost answer, as a flaky connection would lose it: the same request again must give the same photo.
                string? replayed = null;
                if (replay)
                {
                    using var again = await client.SendUploadAsync(bytes, key, ct);
                    replayed = (await Parse(again, ct)).GetProperty("patch").GetProperty("id").GetString();
                }

                return new ImportUpload(index, key, patchId, latency, attempts, limited, pending, replayed);
            }
        }
    }

    private static async Task<JsonElement> Parse(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new HttpRequestException($"{(int)response.StatusCode} from upload: {text}");
    }
}
