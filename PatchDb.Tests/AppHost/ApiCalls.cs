using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.AppHost;

/// <summary>The public REST calls the AppHost tests make, as a collector's client would.</summary>
public static class ApiCalls
{
    public sealed record Session(string UserId, string AccessToken);

    public static async Task<Session> SignUpAsync(HttpClient api, string username, string password, CancellationToken ct)
    {
        var created = await api.PostAsJsonAsync("/user", new { username, password }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        return await LogInAsync(api, userId, username, password, ct);
    }

    public static async Task<Session> LogInAsync(HttpClient api, string userId, string username, string password, CancellationToken ct)
    {
        var login = await api.PostAsJsonAsync("/login", new { username, password }, ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return new Session(userId, (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!);
    }

    public static async Task<HttpResponseMessage> GetPatchesAsync(HttpClient api, Session session, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{session.UserId}/patches");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        return await api.SendAsync(request, ct);
    }

    /// <summary>Uploads a gallery photo of the benchmark split (the first, or the n-th: new bytes are analysed anew)
    /// under a trace id of our own; returns the patch id.</summary>
    public static async Task<string> UploadAsync(HttpClient api, Session session, ActivityTraceId traceId, CancellationToken ct, int photoIndex = 0)
    {
        var photo = Directory.GetFiles(Path.Combine(RepoPaths.BenchPatches, "gallery"), "*.jpg").Order(StringComparer.Ordinal).ElementAt(photoIndex);
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(await File.ReadAllBytesAsync(photo, ct));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(image, "image", Path.GetFileName(photo));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{session.UserId}/upload") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var upload = await api.SendAsync(request, ct);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, $"upload answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync(ct)}");
        return (await upload.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("patch").GetProperty("id").GetString()!;
    }
}
