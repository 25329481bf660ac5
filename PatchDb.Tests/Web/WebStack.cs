using PatchDb.Embedder;
using PatchDb.Tests.Infrastructure;
using PatchDb.Web.Services;
using ApiEntryPoint = PatchDb.Api.Infrastructure.PatchDbContext;

namespace PatchDb.Tests.Web;

/// <summary>
/// The whole product on real ports: Embedder (classic-v1), Api (own database, blob folder and Redis prefix) and
/// Web, which finds the Api through <c>services:api:http:0</c> like under the AppHost.
/// </summary>
public sealed class WebStack : IAsyncDisposable
{
    private readonly string _blobRoot;
    private ServiceHost<EmbedderOptions>? _embedder;
    private ServiceHost<ApiEntryPoint>? _api;
    private ServiceHost<ApiClient>? _web;

    private WebStack(string blobRoot) => _blobRoot = blobRoot;

    public ServiceHost<ApiEntryPoint> Api => _api!;

    public Uri WebAddress => _web!.BaseAddress;

    /// <summary>The Api's database (for tests that check what was stored).</summary>
    public string ApiConnectionString { get; private set; } = "";

    /// <param name="apiSettings">Extra Api settings, e.g. a short Jwt:TokenLifetime.</param>
    public static async Task<WebStack> StartAsync(TestInfrastructure infra, bool withEmbedder = true,
        IReadOnlyDictionary<string, string?>? apiSettings = null)
    {
        var stack = new WebStack(Directory.CreateTempSubdirectory("patchdb-web-e2e-").FullName);
        try
        {
            string embedderUrl;
            if (withEmbedder)
            {
                stack._embedder = new ServiceHost<EmbedderOptions>(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
                });
                embedderUrl = stack._embedder.Start().ToString().TrimEnd('/');
            }
            else
            {
                embedderUrl = $"http://127.0.0.1:{FreePort.Refusing}";
            }

            stack.ApiConnectionString = await infra.Postgres.CreateDatabaseAsync();
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:patchdb"] = stack.ApiConnectionString,
                ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
                ["services:embedder:http:0"] = embedderUrl,
                ["Storage:RootPath"] = stack._blobRoot,
                ["Jwt:SigningKey"] = "web-e2e-signing-key-0123456789-abcdefghijklmnop",
                // The shipped threshold, but every candidate below it listed: the journey's second design must see the first.
                ["Recognition:MinCandidateScore"] = "0",
                // The machine is shared and busy: let a slow analysis finish rather than turn pending.
                ["Recognition:AnalyzeTimeout"] = "00:01:00",
                ["RateLimiting:LoginPermitLimit"] = "1000",
                ["RateLimiting:UploadPermitLimit"] = "1000",
            };
            foreach (var (key, value) in apiSettings ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            stack._api = new ServiceHost<ApiEntryPoint>(settings, "Production");
            var apiUrl = stack._api.Start().ToString().TrimEnd('/');

            stack._web = new ServiceHost<ApiClient>(new Dictionary<string, string?>
            {
                ["services:api:http:0"] = apiUrl,
            }, "Production");
            stack._web.Start();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_embedder is not null)
        {
            await _embedder.DisposeAsync();
        }

        try
        {
            Directory.Delete(_blobRoot, recursive: true);
        }
        catch (IOException)
        {
            // A blob still open by a dying request; the temp folder is cleaned by the OS later.
        }
    }
}
