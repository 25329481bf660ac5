using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.AppHost.LocalServers;

namespace Aspire.Hosting;

[SupportedOSPlatform("linux")]
public static class LocalRedisBuilderExtensions
{
    /// <summary>
    /// Debian's redis-server as a DCP executable on a port DCP assigns, with an append-only file in
    /// <c>{dataDirectory}/redis</c> (so the cache survives restarts), healthy once it answers PING.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var directory = Directory.CreateDirectory(Path.Combine(dataDirectory, "redis")).FullName;
        var redis = new LocalRedisResource(name, "redis-server", directory);

        string? connectionString = null;
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString!, name: healthCheck);

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp")
            .WithArgs("--port", redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort), "--bind", "127.0.0.1", "--dir", directory,
                "--appendonly", "yes", "--save", "", "--protected-mode", "no", "--daemonize", "no")
            .WithRequiredCommand("redis-server")
            .WithHealthCheck(healthCheck)
            .WithIconName("Memory")
            .OnConnectionStringAvailable(async (r, _, ct) => connectionString = await r.ConnectionStringExpression.GetValueAsync(ct));
    }
}
