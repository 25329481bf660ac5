using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.AppHost.LocalServers;

namespace Aspire.Hosting;

[SupportedOSPlatform("linux")]
public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Debian's PostgreSQL as a DCP executable on a cluster in <c>{dataDirectory}/postgres</c> (initdb before the first
    /// start, as an unprivileged user when the AppHost is root), on a port DCP assigns, healthy once it answers.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var account = ServerAccount.WhenRoot();
        PrepareDataDirectory(dataDirectory, account);
        var cluster = new PostgresCluster(Path.Combine(dataDirectory, "postgres"), PostgresCluster.FindBinDirectory(), account);
        var password = LocalSecret.GetOrCreate(dataDirectory, $"{name}-password");
        var passwordParameter = builder.AddParameter($"{name}-password", () => password, secret: true);
        var (command, args) = cluster.ServerCommand();
        var server = new LocalPostgresServerResource(name, command, dataDirectory, passwordParameter.Resource);

        string? connectionString = null;
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => $"{connectionString};Pooling=false", name: healthCheck);

        return builder.AddResource(server)
            .WithArgs(args)
            .WithEndpoint(name: LocalPostgresServerResource.EndpointName, scheme: "tcp", env: "PGPORT")
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseStack")
            .OnBeforeResourceStarted((_, e, ct) =>
                cluster.EnsureCreatedAsync(password, e.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server), ct))
            .OnConnectionStringAvailable(async (r, _, ct) => connectionString = await r.ConnectionStringExpression.GetValueAsync(ct));
    }

    /// <summary>A database on the local server, created (if missing) once the server is ready.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        string? connectionString = null;
        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(_ => $"{connectionString};Pooling=false", name: healthCheck);

        // DCP passes a parent's state on to its children only for containers: this database says itself when it is
        // there (its health check then makes it healthy).
        server.OnResourceReady(async (s, e, ct) =>
        {
            await PostgresCluster.CreateDatabaseIfMissingAsync(await s.ConnectionStringExpression.GetValueAsync(ct) ?? "", database.DatabaseName, ct);
            await e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new() { ResourceType = "PostgresDatabase", State = KnownResourceStates.Waiting, Properties = [] })
            .WithHealthCheck(healthCheck)
            .WithIconName("Database")
            .OnConnectionStringAvailable(async (r, _, ct) => connectionString = await r.ConnectionStringExpression.GetValueAsync(ct));
    }

    /// <summary>The servers' account must reach its folders inside the data folder.</summary>
    static void PrepareDataDirectory(string dataDirectory, ServerAccount? account)
    {
        Directory.CreateDirectory(dataDirectory);
        if (account is null)
        {
            return;
        }
        File.SetUnixFileMode(dataDirectory, File.GetUnixFileMode(dataDirectory) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        for (var parent = Directory.GetParent(dataDirectory); parent is not null; parent = parent.Parent)
        {
            if (!File.GetUnixFileMode(parent.FullName).HasFlag(UnixFileMode.OtherExecute))
            {
                // e.g. a clone under /root (mode 700): Postgres, running as another user, could not reach its cluster.
                throw new InvalidOperationException($"Postgres runs as '{account.Name}', which cannot enter {parent.FullName}. " +
                    "Set PatchDb__DataDirectory to a folder it can reach (e.g. /var/tmp/patchdb) or use PatchDb__Backing=containers.");
            }
        }
    }
}
