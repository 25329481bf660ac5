using System.Diagnostics;

namespace PatchDb.AppHost.Hosting;

/// <summary>
/// A private PostgreSQL cluster in <c>{data}/postgres</c>, created with initdb on first run and kept across runs;
/// run as an unprivileged user when the AppHost is root. TCP on 127.0.0.1 only (no Unix socket: deep data
/// paths exceed the socket path limit).
/// </summary>
public sealed class PostgresServerResource(string name, int? port) : Resource(name)
{
    const string Superuser = "postgres";
    string _bin = "";
    string _clusterDir = "";
    UnprivilegedUser? _user;
    bool _databasesReady;

    public override string Kind => "postgres";
    public int Port { get; private set; }
    public string Password { get; private set; } = "";
    public List<string> Databases { get; } = [];

    public override IReadOnlyList<string> Endpoints => [$"tcp://127.0.0.1:{Port}", .. Databases.Select(d => $"db: {d}")];

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={Superuser};Password={Password};Database={database}";

    public override async Task PrepareAsync(AppHostOptions options, CancellationToken ct)
    {
        _bin = Binaries.FindPostgresBin();
        _user = UnprivilegedUser.ForCurrentProcess();
        _clusterDir = Path.Combine(options.DataDir, "postgres");
        Password = Secrets.GetOrCreate(options.DataDir, "postgres-password");
        Port = Ports.Persisted(Path.Combine(options.DataDir, "postgres.port"), port ?? options.PostgresPort);
        if (!File.Exists(Path.Combine(_clusterDir, "PG_VERSION")))
        {
            await InitClusterAsync(ct);
        }
    }

    async Task InitClusterAsync(CancellationToken ct)
    {
        if (Directory.Exists(_clusterDir))
        {
            Directory.Delete(_clusterDir, recursive: true); // a half-made cluster from an interrupted first run
        }
        Directory.CreateDirectory(_clusterDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var pwFile = Path.Combine(_clusterDir, "..", "postgres-init.pw");
        await File.WriteAllTextAsync(pwFile, Password, ct);
        _user?.Own(_clusterDir);
        _user?.Own(pwFile);
        try
        {
            Log.Add($"initdb: creating cluster in {_clusterDir}");
            var spec = new ProcessSpec(Path.Combine(_bin, "initdb"),
                ["-D", _clusterDir, "-U", Superuser, $"--pwfile={pwFile}", "--auth-local=trust",
                 "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-instructions"])
            { User = User };
            using var initdb = await ProcessLauncher.StartAsync(spec, Log);
            await initdb.WaitForExitAsync(ct);
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed with exit code {initdb.ExitCode}; see the postgres console log.");
            }
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    (uint, uint)? User => _user is null ? null : (_user.Uid, _user.Gid);

    public override ProcessSpec CreateProcessSpec()
    {
        _databasesReady = false;
        return new ProcessSpec(Path.Combine(_bin, "postgres"),
            ["-D", _clusterDir, "-p", $"{Port}", "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="])
        { User = User, StopSignal = NativeMethods.SIGINT };
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken ct)
    {
        if (await RunAsync("pg_isready", ["-h", "127.0.0.1", "-p", $"{Port}", "-U", Superuser], ct) is not (0, _))
        {
            return false;
        }
        if (!_databasesReady)
        {
            foreach (var db in Databases)
            {
                var (_, exists) = await RunAsync("psql", [.. Psql, "-tAc", $"SELECT 1 FROM pg_database WHERE datname = '{db}'"], ct);
                if (exists.Trim() != "1" && await RunAsync("psql", [.. Psql, "-c", $"CREATE DATABASE \"{db}\""], ct) is not (0, _))
                {
                    return false;
                }
            }
            _databasesReady = true;
        }
        return true;
    }

    string[] Psql => ["-h", "127.0.0.1", "-p", $"{Port}", "-U", Superuser, "-d", "postgres", "-v", "ON_ERROR_STOP=1"];

    async Task<(int ExitCode, string Output)> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(Path.Combine(_bin, tool), args) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PGPASSWORD"] = Password;
        psi.Environment["PGCONNECT_TIMEOUT"] = "3";
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return (p.ExitCode, output);
    }
}
