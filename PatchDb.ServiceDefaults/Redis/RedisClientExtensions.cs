using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using PatchDb.ServiceDefaults.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisClientExtensions
{
    /// <summary>
    /// Registers <see cref="IRedisConnection"/> for <c>ConnectionStrings:{connectionName}</c> (Aspire's shape) and a
    /// "redis" health check reporting <paramref name="failureStatus"/> while Redis is unreachable.
    /// </summary>
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName, HealthStatus failureStatus = HealthStatus.Unhealthy)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        var endpoint = RedisEndpoint.Parse(connectionString);
        builder.Services.AddSingleton<IRedisConnection>(sp => new RedisConnection(endpoint, sp.GetRequiredService<ILogger<RedisConnection>>()));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus, ["ready"]);
        return builder;
    }
}
