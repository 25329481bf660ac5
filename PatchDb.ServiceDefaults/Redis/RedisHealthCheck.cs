using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PatchDb.ServiceDefaults.Redis;

/// <summary>PING; the status when Redis does not answer is the registration's failure status.</summary>
public sealed class RedisHealthCheck(IRedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (RedisUnavailableException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, ex.Message, ex);
        }
    }
}
