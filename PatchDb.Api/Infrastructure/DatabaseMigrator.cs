using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PatchDb.Api.Infrastructure;

/// <summary>Applies migrations before the Api serves requests; an advisory lock makes concurrent replicas take turns.</summary>
public sealed partial class DatabaseMigrator(IServiceScopeFactory scopeFactory, ILogger<DatabaseMigrator> logger) : IHostedService
{
    // Arbitrary constant shared by every replica: "PDBM".
    private const long MigrationLockKey = 0x5044424D;

    private const string HistoryTable = """
        CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
            "MigrationId" character varying(150) NOT NULL,
            "ProductVersion" character varying(32) NOT NULL,
            CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
        )
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Postgres may still be starting next to us (AppHost, tests): retry for a while before giving up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (attempt < 30 && !cancellationToken.IsCancellationRequested)
            {
                LogMigrationRetry(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            try
            {
                // EF reads its history table before creating it, and logs that failed read as an error on every new
                // database; created here first (EF's own layout), a first start logs no false alarm.
                await db.Database.ExecuteSqlRawAsync(HistoryTable, cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable for migration (attempt {Attempt}): {Error}")]
    private static partial void LogMigrationRetry(ILogger logger, int attempt, string error);
}
