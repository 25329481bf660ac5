using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatchDb.Api.Infrastructure;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>The migrations are hand-written (no EF tooling here): they must build exactly the schema EF derives from
/// the model, so a model change without a matching migration fails here.</summary>
public sealed class MigrationSchemaTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrated_schema_equals_the_model()
    {
        var migrated = await infra.Postgres.CreateDatabaseAsync();
        var created = await infra.Postgres.CreateDatabaseAsync();
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync(Ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        }
        await using (var db = Context(created))
        {
            await db.Database.EnsureCreatedAsync(Ct);
        }

        var expected = await DescribeAsync(created);
        var actual = await DescribeAsync(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task The_first_migration_of_an_empty_database_logs_no_error()
    {
        var database = await infra.Postgres.CreateDatabaseAsync();
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddDbContext<PatchDbContext>(options => options.UseNpgsql(database)
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)))
            .AddSingleton<DatabaseMigrator>()
            .BuildServiceProvider();
        await using (services)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Ct);
        }

        Assert.Contains(logs.Entries, e => e.Message.Contains("Applying migration", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Concurrent_replicas_migrate_once_without_errors()
    {
        var database = await infra.Postgres.CreateDatabaseAsync();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => ApiTestHost.StartAsync(infra, null, connectionString: database), Ct)));
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
            // One history row per migration: each was applied exactly once.
            var migrations = typeof(PatchDbContext).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
            Assert.Equal((long)migrations, await command.ExecuteScalarAsync(Ct));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static PatchDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<PatchDbContext>().UseNpgsql(connectionString).Options);

    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' '
                   || coalesce(character_maximum_length::text, '-') || ' ' || is_nullable || ' ' || coalesce(column_default, '-')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """;
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
