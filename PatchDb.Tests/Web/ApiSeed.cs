using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>A browser journey's user, signed in straight at the Api: to seed a collection and to check what was stored.</summary>
public sealed class ApiSeed(HttpClient api, Guid userId) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Api => api;

    public Guid UserId => userId;

    public static async Task<ApiSeed> SignInAsync(WebStack stack, string username, string password)
    {
        var api = stack.Api.CreateRealClient();
        var login = await api.PostAsJsonAsync("/login", new { username, password }, Ct);
        login.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync(Ct));
        var accessToken = token.RootElement.GetProperty("access_token").GetString()!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new ApiSeed(api, PatchDb.Web.Services.AccessTokens.ReadUserId(accessToken)!.Value);
    }

    /// <summary>One analysed gallery photo per group; returns the group ids by name.</summary>
    public async Task<Dictionary<string, Guid>> SeedAsync((string Design, string Name)[] groups)
    {
        var ids = new Dictionary<string, Guid>();
        foreach (var (design, name) in groups)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.BenchPatches, "gallery", $"{design}_0.jpg"), Ct));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "image", "p.jpg");
            var upload = await api.PostAsync($"/{userId}/upload", form, Ct);
            using var body = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct));
            Assert.Equal("analyzed", body.RootElement.GetProperty("status").GetString());
            var created = await api.PostAsJsonAsync($"/{userId}/group",
                new { patch_id = body.RootElement.GetProperty("patch").GetProperty("id").GetGuid(), name }, Ct);
            created.EnsureSuccessStatusCode();
            using var group = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
            ids[name] = group.RootElement.GetProperty("id").GetGuid();
        }

        return ids;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await api.GetAsync($"/{userId}/{path}", Ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    public void Dispose() => api.Dispose();
}
