using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>A collector: one account, a client per Api replica, uploads that retry under one Idempotency-Key until
/// they are answered 201, as the Web's uploader is meant to.</summary>
public sealed class DrillClient(int index, Guid userId, IReadOnlyList<HttpClient> replicas) : IDisposable
{
    /// <summary>Longer than any deadline of the Api: reaching it means the Api hung.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(90);

    public int Index => index;

    public Guid UserId => userId;

    public HttpClient Replica(int i) => replicas[i % replicas.Count];

    public static async Task<DrillClient> CreateAsync(int index, IReadOnlyList<Uri> apis)
    {
        using var anonymous = new HttpClient { BaseAddress = apis[0], Timeout = RequestTimeout };
        var username = $"drill{index}-{Guid.NewGuid():N}"[..24];
        var created = await anonymous.PostAsJsonAsync("/user", new { username, password = "correct horse" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var login = await anonymous.PostAsJsonAsync("/login", new { username, password = "correct horse" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var clients = apis.Select(api =>
        {
            var client = new HttpClient { BaseAddress = api, Timeout = RequestTimeout };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }).ToArray();
        return new DrillClient(index, id, clients);
    }

    /// <summary>Uploads until a 201 or a refusal no retry changes (a 4xx other than 409/429), or until the deadline.</summary>
    public async Task UploadAsync(UploadRecord record, int replica, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var bytes = record.Photo.Bytes;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var attempt = await AttemptAsync(record, bytes, replica, cancellationToken);
            record.Attempts.Add(attempt.Attempt);
            if (attempt.Attempt.Status == 201)
            {
                record.Replica = replica;
                record.Acknowledge(attempt.Body!.Value, DateTimeOffset.UtcNow);
                return;
            }
            if (attempt.Attempt.Status is >= 400 and < 500 and not (409 or 429))
            {
                return;
            }
            await Task.Delay(attempt.RetryAfter ?? TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private async Task<(UploadAttempt Attempt, JsonElement? Body, TimeSpan? RetryAfter)> AttemptAsync(
        UploadRecord record, byte[] bytes, int replica, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "image", Path.GetFileName(record.Photo.Path));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{userId}/upload") { Content = content };
        request.Headers.Add("Idempotency-Key", record.Key);
        try
        {
            using var response = await Replica(replica).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? TimeSpan.FromSeconds(Math.Min(delta.TotalSeconds, 2)) : (TimeSpan?)null;
            var json = (int)response.StatusCode == 201 ? JsonDocument.Parse(body).RootElement.Clone() : (JsonElement?)null;
            return (new UploadAttempt(started, DateTimeOffset.UtcNow - started, (int)response.StatusCode, isProblem,
                json is null ? Truncate(body) : null), json, retryAfter);
        }
        catch (HttpRequestException ex)
        {
            return (new UploadAttempt(started, DateTimeOffset.UtcNow - started, 0, false, ex.Message), null, null);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (new UploadAttempt(started, DateTimeOffset.UtcNow - started, -1, false, ex.Message), null, null);
        }
    }

    /// <summary>The bytes the Api serves for an image, hashed; null if it did not serve them.</summary>
    public async Task<string?> ServedSha256Async(Guid imageId, string variant = "")
    {
        try
        {
            using var response = await Replica(0).GetAsync($"/{userId}/images/{imageId}{variant}");
            return response.IsSuccessStatusCode ? Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string Truncate(string body) => body.Length > 300 ? body[..300] : body;

    public void Dispose()
    {
        foreach (var client in replicas)
        {
            client.Dispose();
        }
    }
}
