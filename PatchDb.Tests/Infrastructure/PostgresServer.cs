using System.Diagnostics;
using Npgsql;

namespace PatchDb.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server in a temporary folder on a free loopback port. Postgres refuses to run as root, so when
/// the tests run as root the cluster belongs to an unprivileged user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly string? _runAsUser;
    private WatchedProcess? _process;

    private PostgresServer(string dataDir, string? runAsUser, int port)
    {
        _dataDir = dataDir;
        _runAsUser = runAsUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string to the maintenance database, as the superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public static async Task<PostgresServer> StartNewAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("patchdb-pg-").FullName;
        var user = UnprivilegedUser.WhenRoot();
        if (user is not null)
        {
            await Tools.RunAsync("chown", ["-R", user, dataDir]);
        }

        var initdb = Tools.FindPostgresBinary("initdb");
        var args = new List<string> { "-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions" };
        if (user is null)
        {
            await Tools.RunAsync(initdb, args);
        }
        else
        {
            await Tools.RunAsync("runuser", ["-u", user, "--", initdb, .. args]);
        }

        var server = new PostgresServer(dataDir, user, FreePort.Next());
        await server.StartAsync();
        return server;
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            Timeout = 5,
        }.ConnectionString;

    /// <summary>Creates a brand-new empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var postgres = Tools.FindPostgresBinary("postgres");
        string[] args =
        [
            "-D", _dataDir, "-p", Port.ToString(), "-k", _dataDir, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
        ];
        _process = WatchedProcess.Start(postgres, args, _runAsUser, useSigInt: true);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(30), () => _process.HasExited, "postgres");
        await WaitUntilAcceptingAsync();
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }

        // Idle pooled connections to a stopped server would otherwise be handed out as if alive.
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test run over it.
        }
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                // "the database system is starting up"
                await Task.Delay(100);
            }
        }
    }
}
