using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Infrastructure;
using PatchDb.Tests.Infrastructure;
using ApiEntryPoint = PatchDb.Api.Infrastructure.PatchDbContext;

namespace PatchDb.Tests.Api;

/// <summary>One Api on a real port with its own database and blob folder. Restartable on the same state.</summary>
public sealed class ApiTestHost : IAsyncDisposable
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";
    private readonly Dictionary<string, string?> _settings;
    // Kept across restarts, so clients keep working.
    private readonly int _port = FreePort.Next();
    private ServiceHost<ApiEntryPoint>? _host;
    private Action<IServiceCollection>? _extraServices;

    private ApiTestHost(Dictionary<string, string?> settings, string blobRoot)
    {
        _settings = settings;
        BlobRoot = blobRoot;
    }

    public string BlobRoot { get; }

    public string ConnectionString => _settings["ConnectionStrings:patchdb"]!;

    public ServiceHost<ApiEntryPoint> Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <param name="embedderUrl">Base URL of a running Embedder; null for one that is never reachable.</param>
    public static async Task<ApiTestHost> StartAsync(TestInfrastructure infra, string? embedderUrl,
        IDictionary<string, string?>? overrides = null, string? connectionString = null, Action<IServiceCollection>? extraServices = null)
    {
        var blobRoot = Directory.CreateTempSubdirectory("patchdb-api-blobs-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:patchdb"] = connectionString ?? await infra.Postgres.CreateDatabaseAsync(),
            ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
            ["services:embedder:http:0"] = embedderUrl ?? $"http://127.0.0.1:{FreePort.Refusing}",
            ["Storage:RootPath"] = blobRoot,
            ["Jwt:SigningKey"] = SigningKey,
            // Without an Embedder only the first upload waits (then it is presumed down); keep that wait short.
            ["Recognition:AnalyzeTimeout"] = embedderUrl is null ? "00:00:01" : "00:00:30",
            ["Recognition:OutboxPollInterval"] = "00:00:00.200",
            ["Recognition:OutboxMaxBackoff"] = "00:00:01",
            ["RateLimiting:LoginPermitLimit"] = "1000",
            ["RateLimiting:UploadPermitLimit"] = "1000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var host = new ApiTestHost(settings, blobRoot) { _extraServices = extraServices };
        host.Start();
        return host;
    }

    public void Start()
    {
        _host = new ServiceHost<ApiEntryPoint>(_settings, "Production", _port) { ExtraServices = _extraServices };
        _host.Start();
    }

    /// <summary>Stops the Api and starts a new one on the same database and blob folder.</summary>
    public async Task RestartAsync()
    {
        await Host.DisposeAsync();
        Start();
    }

    public void SetEmbedder(string url) => _settings["services:embedder:http:0"] = url;

    public HttpClient CreateClient() => Host.CreateRealClient();

    public PatchDbContext CreateDbContext() =>
        Host.Services.CreateScope().ServiceProvider.GetRequiredService<PatchDbContext>();

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        try
        {
            Directory.Delete(BlobRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
