using PatchDb.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(TestInfrastructure))]

namespace PatchDb.Tests.Infrastructure;

/// <summary>One Postgres and one Redis for the whole test run; tests isolate themselves by database and key prefix.</summary>
public sealed class TestInfrastructure : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartNewAsync();
        var redis = RedisServer.StartNewAsync();
        _postgres = await postgres;
        _redis = await redis;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
