using Npgsql;

namespace PatchDb.Tests.Infrastructure;

public sealed class InfrastructureTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Each_database_is_new_and_empty()
    {
        var first = await infra.Postgres.CreateDatabaseAsync();
        var second = await infra.Postgres.CreateDatabaseAsync();

        Assert.NotEqual(first, second);
        await using var connection = new NpgsqlConnection(first);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_private_postgres_stops_and_starts_again()
    {
        await using var server = await PostgresServer.StartNewAsync();
        await server.StopAsync();
        await using (var down = new NpgsqlConnection(server.ConnectionString))
        {
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => down.OpenAsync(TestContext.Current.CancellationToken));
        }

        await server.StartAsync();
        await using var up = new NpgsqlConnection(server.ConnectionString);
        await up.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(System.Data.ConnectionState.Open, up.State);
    }
}
