using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PatchDb.AppHost.LocalServers;

/// <summary>A private PostgreSQL cluster in the data folder: made by initdb on first run, kept across runs.</summary>
[SupportedOSPlatform("linux")]
internal sealed class PostgresCluster(string directory, string binDirectory, ServerAccount? account)
{
    const string InstallHint = "Install PostgreSQL with: sudo eng/install.sh";

    public string Directory => directory;

    public static string FindBinDirectory() =>
        (System.IO.Directory.Exists("/usr/lib/postgresql") ? System.IO.Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault()
        ?? throw new InvalidOperationException($"No PostgreSQL server under /usr/lib/postgresql/*/bin. {InstallHint}");

    /// <summary>The server's command line. TCP on 127.0.0.1 only, the port from PGPORT; no Unix socket (deep data
    /// paths exceed its path limit).</summary>
    public (string Command, string[] Args) ServerCommand()
    {
        string[] args = ["-D", directory, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
        var postgres = Path.Combine(binDirectory, "postgres");
        return account?.Wrap(postgres, args) ?? (postgres, args);
    }

    public async Task EnsureCreatedAsync(string superuserPassword, ILogger logger, CancellationToken ct)
    {
        if (File.Exists(Path.Combine(directory, "PG_VERSION")))
        {
            return;
        }
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true); // half made by an interrupted first run
        }
        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = directory + ".initdb-password";
        await File.WriteAllTextAsync(passwordFile, superuserPassword, ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        account?.Own(directory, passwordFile);
        try
        {
            logger.LogInformation("initdb: creating the cluster in {Directory}", directory);
            string[] args = ["-D", directory, "-U", LocalPostgresServerResource.Superuser, $"--pwfile={passwordFile}",
                "--auth-local=trust", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-instructions"];
            var initdb = Path.Combine(binDirectory, "initdb");
            var (command, commandArgs) = account?.Wrap(initdb, args) ?? (initdb, args);
            if (await ToolRunner.RunAsync(command, commandArgs, logger, ct) is var exitCode and not 0)
            {
                throw new InvalidOperationException($"initdb failed with exit code {exitCode}; see the postgres console log.");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public static async Task CreateDatabaseIfMissingAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection($"{serverConnectionString};Database=postgres;Pooling=false");
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }
}
