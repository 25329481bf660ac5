using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchDb.Benchmarks.Recognition;

/// <summary>The few calls of PatchDb's public REST API the benchmark makes, as any integrator would.</summary>
public sealed class PatchDbApiClient(HttpClient http)
{
    private string _userId = "";

    public async Task SignUpAsync(string username, string password, CancellationToken ct)
    {
        var user = await PostJsonAsync("/user", new { username, password }, ct);
        _userId = user.GetProperty("id").ToString();
        var token = await PostJsonAsync("/login", new { username, password }, ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
    }

    /// <summary>Uploads a photo; returns the upload response (patch, matches, ungrouped_matches, status) and the
    /// latency of the attempt that succeeded (waits asked for by the rate limiter are honoured, not counted).</summary>
    public async Task<(JsonElement Response, TimeSpan Latency)> UploadAsync(string file, CancellationToken ct) =>
        await UploadAsync(await File.ReadAllBytesAsync(file, ct), ct);

    public async Task<(JsonElement Response, TimeSpan Latency)> UploadAsync(byte[] bytes, CancellationToken ct)
    {
        while (true)
        {
            using var form = new MultipartFormDataContent();
            var image = new ByteArrayContent(bytes);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            // A neutral name: nothing of the benchmark's file names may reach PatchDb.
            form.Add(image, "image", "photo.jpg");
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync($"/{_userId}/upload", form, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), ct);
                continue;
            }

            var body = await ReadAsync(response, ct);
            return (body, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>One upload attempt as sent (no retry), with an Idempotency-Key when given; the caller owns the answer.</summary>
    public async Task<HttpResponseMessage> SendUploadAsync(byte[] bytes, string? idempotencyKey, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(bytes);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "image", "photo.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{_userId}/upload") { Content = form };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request, ct);
    }

    /// <summary>GET /{user_id}/patches: the groups and the ungrouped photos.</summary>
    public async Task<JsonElement> ListAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync($"/{_userId}/patches", ct);
        return await ReadAsync(response, ct);
    }

    public async Task<string> CreateGroupAsync(string patchId, string name, CancellationToken ct) =>
        (await PostJsonAsync($"/{_userId}/group", new { patch_id = patchId, name }, ct)).GetProperty("id").ToString();

    public async Task AddToGroupAsync(string patchId, string groupId, CancellationToken ct)
    {
        using var response = await http.PatchAsJsonAsync($"/{_userId}/group", new { patch_id = patchId, group_id = groupId }, ct);
        await ReadAsync(response, ct);
    }

    public async Task DeletePatchAsync(string patchId, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"/{_userId}/patch/{patchId}", ct);
        await ReadAsync(response, ct);
    }

    private async Task<JsonElement> PostJsonAsync(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, ct);
        return await ReadAsync(response, ct);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
