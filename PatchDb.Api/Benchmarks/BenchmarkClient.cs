using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchDb.Api.Benchmarks;

/// <summary>One benchmark user talking HTTP to the Api under test.</summary>
internal sealed class BenchmarkClient(HttpClient http, Guid userId)
{
    public Guid UserId => userId;

    public static async Task<BenchmarkClient> CreateAsync(Uri api, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };
        var username = "bench" + Guid.NewGuid().ToString("N")[..12];
        const string password = "benchmark-password";
        var created = await http.PostAsJsonAsync("/user", new { username, password }, cancellationToken);
        created.EnsureSuccessStatusCode();
        using var user = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
        var login = await http.PostAsJsonAsync("/login", new { username, password }, cancellationToken);
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(cancellationToken));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        return new BenchmarkClient(http, user.RootElement.GetProperty("id").GetGuid());
    }

    /// <summary>Uploads one photo; returns the latency in milliseconds and the answer's status ("analyzed"/"pending").</summary>
    public async Task<(double Milliseconds, string Status)> UploadAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "image", Path.GetFileName(file) } };
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync($"/{userId}/upload", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        watch.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {body}");
        }
        using var json = JsonDocument.Parse(body);
        return (watch.Elapsed.TotalMilliseconds, json.RootElement.GetProperty("status").GetString()!);
    }
}
