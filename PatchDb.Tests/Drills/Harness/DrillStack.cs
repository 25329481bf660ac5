using System.Globalization;
using Npgsql;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>
/// A whole PatchDb back end for one drill, every part a real process: Postgres and Redis servers, the Embedder and
/// one or more Api replicas started from their built executables, and one blob folder.
/// </summary>
public sealed class DrillStack : IAsyncDisposable
{
    public const string SigningKey = "drill-signing-key-0123456789-abcdefghijklmnop";
    private readonly bool _ownsPostgres;
    private readonly bool _ownsBlobRoot;

    private DrillStack(PostgresServer postgres, bool ownsPostgres, RedisServer redis, string connectionString, string blobRoot,
        bool ownsBlobRoot, DrillStackOptions options)
    {
        Postgres = postgres;
        _ownsPostgres = ownsPostgres;
        Redis = redis;
        ConnectionString = connectionString;
        BlobRoot = blobRoot;
        _ownsBlobRoot = ownsBlobRoot;
        Options = options;
        Embedder = new ServiceNode("PatchDb.Embedder", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = options.EmbedderEnvironment,
            ["DOTNET_ENVIRONMENT"] = options.EmbedderEnvironment,
            ["Embedder__Model"] = "classic-v1",
            ["Embedder__CacheKeyPrefix"] = redis.NewKeyPrefix(),
            ["ConnectionStrings__cache"] = redis.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            // "Request finished ... /v1/analyze - 200" once per answered analysis: the drills count them.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        foreach (var (key, value) in options.Embedder)
        {
            Embedder.Environment[key] = value;
        }
        Apis = [.. Enumerable.Range(0, options.ApiReplicas).Select(_ => new ServiceNode("PatchDb.Api", ApiEnvironment()))];
    }

    public PostgresServer Postgres { get; }

    public RedisServer Redis { get; }

    public string ConnectionString { get; }

    public string BlobRoot { get; }

    public DrillStackOptions Options { get; }

    public ServiceNode Embedder { get; }

    public IReadOnlyList<ServiceNode> Apis { get; }

    public static async Task<DrillStack> StartAsync(DrillStackOptions options)
    {
        var ownsPostgres = options.SharedPostgres is null;
        var postgres = options.SharedPostgres ?? await PostgresServer.StartNewAsync();
        var redis = await RedisServer.StartNewAsync();
        var blobRoot = options.BlobRoot ?? Directory.CreateTempSubdirectory("patchdb-drill-blobs-").FullName;
        var stack = new DrillStack(postgres, ownsPostgres, redis, await postgres.CreateDatabaseAsync(), blobRoot,
            options.BlobRoot is null, options);
        try
        {
            await stack.Embedder.StartAsync();
            // One replica first: it migrates, the others then find the schema current.
            foreach (var api in stack.Apis)
            {
                await api.StartAsync();
                await api.WaitHealthyAsync(TimeSpan.FromSeconds(120));
            }
            await stack.Embedder.WaitHealthyAsync(TimeSpan.FromSeconds(120));
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public NpgsqlConnection OpenDatabase()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    private Dictionary<string, string> ApiEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__patchdb"] = ConnectionString,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["services__embedder__http__0"] = Embedder.Url.ToString().TrimEnd('/'),
            ["Storage__RootPath"] = BlobRoot,
            ["Storage__SweepGracePeriod"] = Options.SweepGrace.ToString("c", CultureInfo.InvariantCulture),
            ["Storage__SweepInterval"] = Options.SweepInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Jwt__SigningKey"] = SigningKey,
            ["Recognition__Thresholds__classic-v1"] = "0",
            ["Recognition__OutboxPollInterval"] = "00:00:00.500",
            ["Recognition__OutboxMaxBackoff"] = "00:00:02",
            ["Recognition__EmbedderQuarantine"] = "00:00:02",
            // Rows a killed Api had claimed come back after this plus 30 s (production: 30 s); above the slow drill's delay.
            ["Recognition__OutboxAnalyzeTimeout"] = "00:00:10",
            // A claim whose replica died answers 409 until then (production: 5 minutes).
            ["Idempotency__AbandonedAfter"] = "00:00:10",
            ["RateLimiting__LoginPermitLimit"] = "1000",
            ["RateLimiting__UploadPermitLimit"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in Options.Api)
        {
            environment[key] = value;
        }
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in Apis)
        {
            await api.DisposeAsync();
        }
        await Embedder.DisposeAsync();
        await Redis.DisposeAsync();
        if (_ownsPostgres)
        {
            await Postgres.DisposeAsync();
        }
        if (_ownsBlobRoot)
        {
            try
            {
                Directory.Delete(BlobRoot, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
