using Microsoft.Extensions.Diagnostics.HealthChecks;
using PatchDb.ServiceDefaults.Redis;

namespace PatchDb.Embedder.Services;

/// <summary>Degraded (not Unhealthy) while Redis is unreachable: the Embedder still answers, only uncached.</summary>
public sealed class AnalysisCacheHealthCheck(IRedisConnection? redis = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return HealthCheckResult.Degraded("No Redis configured (ConnectionStrings:cache): analyses are not cached.");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            var latency = await redis.PingAsync(timeout.Token);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception e) when (e is RedisUnavailableException or OperationCanceledException or IOException)
        {
            return HealthCheckResult.Degraded("Redis is unreachable: analyses are not cached.", e);
        }
    }
}
