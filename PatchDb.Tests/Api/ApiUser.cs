using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PatchDb.Tests.Api;

/// <summary>A created, logged-in user with a client carrying its bearer token.</summary>
public sealed class ApiUser(Guid id, string username, string token, HttpClient client)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Guid Id => id;

    public string Username => username;

    public string Token => token;

    public HttpClient Client => client;

    public static async Task<ApiUser> CreateAsync(ApiTestHost host, CancellationToken cancellationToken, string? username = null)
    {
        var client = host.CreateClient();
        username ??= "user" + Guid.NewGuid().ToString("N")[..12];
        var created = await client.PostAsJsonAsync("/user", new { username, password = "correct horse" }, cancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        using var user = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
        var id = user.RootElement.GetProperty("id").GetGuid();
        var login = await client.PostAsJsonAsync("/login", new { username, password = "correct horse" }, cancellationToken);
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(cancellationToken));
        var accessToken = token.RootElement.GetProperty("access_token").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new ApiUser(id, username, accessToken, client);
    }

    /// <summary>The same user (and token) talking to another Api replica.</summary>
    public static ApiUser OnHost(ApiTestHost host, ApiUser user)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        return new ApiUser(user.Id, user.Username, user.Token, client);
    }

    public async Task<HttpResponseMessage> UploadAsync(string file, CancellationToken cancellationToken) =>
        await UploadBytesAsync(await File.ReadAllBytesAsync(file, cancellationToken), Path.GetFileName(file), cancellationToken);

    public Task<HttpResponseMessage> UploadBytesAsync(byte[] bytes, string fileName, CancellationToken cancellationToken)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "image", fileName);
        return client.PostAsync($"/{id}/upload", content, cancellationToken);
    }

    /// <summary>Uploads and returns the parsed JSON answer (asserting success).</summary>
    public async Task<JsonElement> UploadOkAsync(string file, CancellationToken cancellationToken)
    {
        var response = await UploadAsync(file, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Uploads the first <paramref name="photos"/> gallery photos of a design and groups them under its name.</summary>
    public async Task<(Guid Group, List<Guid> Images)> EnrolAsync(string design, CancellationToken cancellationToken, int photos = 3)
    {
        var ids = new List<Guid>();
        for (var k = 0; k < photos; k++)
        {
            ids.Add((await UploadOkAsync(TestImages.Gallery(design, k), cancellationToken)).GetProperty("patch").GetProperty("id").GetGuid());
        }
        var group = (await SendJsonAsync(HttpMethod.Post, $"/{Id}/group", new { patch_id = ids[0], name = design }, cancellationToken))
            .GetProperty("id").GetGuid();
        foreach (var id in ids.Skip(1))
        {
            await SendJsonAsync(HttpMethod.Patch, $"/{Id}/group", new { patch_id = id, group_id = group }, cancellationToken);
        }
        return (group, ids);
    }
}
