using System.Text.Json;
using Microsoft.Extensions.Options;
using PatchDb.Embedder.Apis;
using StackExchange.Redis;

namespace PatchDb.Embedder.Services;

/// <summary>
/// Analysis results in Redis, keyed by (model id, SHA-256 of the bytes). Best effort: while Redis is unreachable
/// every call is a miss and nothing is stored; the outage is logged once and reported by the health check.
/// </summary>
public sealed partial class AnalysisCache(
    IOptions<EmbedderOptions> options, ILogger<AnalysisCache> logger, IConnectionMultiplexer? redis = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private int _down;

    public bool IsEnabled => redis is not null;

    /// <summary>True while the last Redis call failed.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    public async Task<AnalysisResponse?> GetAsync(string modelId, string sha256, CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return null;
        }

        try
        {
            byte[]? bytes = await redis.GetDatabase().StringGetAsync(Key(modelId, sha256)).WaitAsync(cancellationToken);
            MarkUp();
            return bytes is null ? null : JsonSerializer.Deserialize<AnalysisResponse>(bytes, Json);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or JsonException)
        {
            MarkDown(e);
            return null;
        }
    }

    public async Task SetAsync(AnalysisResponse analysis, CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }

        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(analysis with { Cached = false }, Json);
            await redis.GetDatabase().StringSetAsync(Key(analysis.ModelId, analysis.Sha256), bytes, options.Value.CacheTimeToLive)
                .WaitAsync(cancellationToken);
            MarkUp();
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            MarkDown(e);
        }
    }

    // A model id names a descriptor, but a rebuilt Embedder may compute it differently (the built-in model evolves
    // with the code): the build's deterministic module id keeps an older build's vectors from being served.
    private static readonly string s_buildId = typeof(AnalysisCache).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private string Key(string modelId, string sha256) => $"{options.Value.CacheKeyPrefix}{modelId}:{s_buildId}:{sha256}";

    private void MarkDown(Exception e)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogRedisDown(logger, e.Message);
        }
    }

    private void MarkUp()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRedisBack(logger);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis analysis cache unavailable ({Reason}); analysing uncached until it is back.")]
    private static partial void LogRedisDown(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Redis analysis cache available again.")]
    private static partial void LogRedisBack(ILogger logger);
}
