using System.Net.Http.Json;
using PatchDb.Tests.Infrastructure;
using PatchDb.Web.Services;
using PatchDb.Web.Services.Import;
using PatchDb.Web.Services.Models;
using ApiEntryPoint = PatchDb.Api.Infrastructure.PatchDbContext;

namespace PatchDb.Tests.Web;

/// <summary>The Web's bulk importer with the real <see cref="ApiClient"/> against a real Api (no Embedder: every
/// photo stays pending, so each lands in the tray), over a flaky connection and a tight upload limit.</summary>
public sealed class BulkImportApiTests(TestInfrastructure infra) : IAsyncLifetime
{
    private readonly string _blobRoot = Directory.CreateTempSubdirectory("patchdb-web-import-").FullName;
    private ServiceHost<ApiEntryPoint>? _api;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task StartApiAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:patchdb"] = await infra.Postgres.CreateDatabaseAsync(),
            ["services:embedder:http:0"] = $"http://127.0.0.1:{FreePort.Refusing}",
            ["Recognition:AnalyzeTimeout"] = "00:00:02",
            ["Storage:RootPath"] = _blobRoot,
            ["Jwt:SigningKey"] = "web-import-signing-key-0123456789-abcdefghijklmnop",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        _api = new ServiceHost<ApiEntryPoint>(settings, "Production");
        _api.Start();
    }

    private async Task<ApiClient> SignUpAsync(HttpMessageHandler handler)
    {
        var http = new HttpClient(handler) { BaseAddress = _api!.BaseAddress };
        var anonymous = new ApiClient(http, AuthStates.Anonymous(), new ApiStatus(), TimeProvider.System);
        var name = $"u{Guid.NewGuid():N}"[..20];
        var user = await anonymous.CreateUserAsync(name, "long enough password", Ct);
        // Straight at the Api: the importer is under test here, not the sign-in.
        using var login = await http.PostAsJsonAsync("login", new { username = name, password = "long enough password" }, ApiClient.Json, Ct);
        var token = (await login.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TokenResponse>(ApiClient.Json, Ct))!;
        var session = new ApiSession(user.Id, name, token.AccessToken, DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn));
        return new ApiClient(http, AuthStates.For(session), new ApiStatus(), TimeProvider.System);
    }

    private static ImportItem Photo(string file) =>
        new(new MemoryBrowserFile(file, File.ReadAllBytes(Path.Combine(RepoPaths.BenchPatches, "gallery", file))));

    [Fact]
    public async Task A_lost_answer_is_retried_with_the_same_key_and_the_photo_is_stored_once()
    {
        await StartApiAsync();
        var flaky = new DropFirstUploadAnswer();
        var api = await SignUpAsync(flaky);
        var importer = new BulkImporter(api, TimeProvider.System) { MaxAnalysisWait = TimeSpan.Zero };
        ImportItem[] items = [Photo("flag-ar_0.jpg"), Photo("flag-ae_0.jpg"), Photo("nasa-iss-exp16_0.jpg")];

        await importer.RunAsync(items, () => { }, Ct);

        Assert.All(items, i => Assert.Equal(ImportState.InTray, i.State));
        Assert.Equal(4, flaky.Uploads);
        Assert.Equal(4, items.Sum(i => i.Attempts));
        var collection = await api.GetCollectionAsync(Ct);
        Assert.Equal(items.Select(i => i.Patch!.Id).Order(), collection.UngroupedPatches.Select(p => p.Id).Order());
    }

    [Fact]
    public async Task A_tight_upload_limit_slows_the_import_down_but_loses_nothing()
    {
        await StartApiAsync(new()
        {
            ["RateLimiting:UploadPermitLimit"] = "1",
            ["RateLimiting:UploadTokensPerPeriod"] = "1",
            ["RateLimiting:UploadReplenishmentPeriod"] = "00:00:01",
        });
        var api = await SignUpAsync(new SocketsHttpHandler());
        var importer = new BulkImporter(api, TimeProvider.System) { MaxAnalysisWait = TimeSpan.Zero };
        ImportItem[] items = [Photo("flag-ar_0.jpg"), Photo("flag-ae_0.jpg"), Photo("flag-ar_1.jpg"), Photo("flag-ae_1.jpg")];

        await importer.RunAsync(items, () => { }, Ct);

        Assert.All(items, i => Assert.Equal(ImportState.InTray, i.State));
        // Three at once against a bucket of one: some attempts were refused with 429 and sent again after Retry-After.
        Assert.True(items.Sum(i => i.Attempts) > items.Length);
        var collection = await api.GetCollectionAsync(Ct);
        Assert.Equal(items.Length, collection.UngroupedPatches.Count);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        try
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
