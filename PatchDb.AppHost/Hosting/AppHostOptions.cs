namespace PatchDb.AppHost.Hosting;

/// <summary>Settings of one AppHost run; read from <c>PATCHDB_*</c> environment variables or <c>--key value</c> args.</summary>
public sealed class AppHostOptions
{
    public required string RepoRoot { get; init; }
    public required string DataDir { get; init; }
    public int DashboardPort { get; init; } = 18888;
    public int OtlpPort { get; init; } = 18890;
    public int WebPort { get; init; } = 5080;
    public int? PostgresPort { get; init; }
    /// <summary>Fixed dashboard login token (tests); a random one is generated when empty.</summary>
    public string? DashboardToken { get; init; }
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Stop as soon as everything is healthy: the start-time benchmark.</summary>
    public bool ExitWhenHealthy { get; init; }

    public string ProjectDir => Path.Combine(RepoRoot, "PatchDb.AppHost");

    public static AppHostOptions FromArgs(string[] args)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (key.StartsWith("PATCHDB_", StringComparison.Ordinal))
            {
                settings[key["PATCHDB_".Length..].Replace("_", "-", StringComparison.Ordinal)] = (string)e.Value!;
            }
        }
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                settings[args[i][2..]] = args[++i];
            }
        }

        var root = RepoPaths.FindRoot();
        int? Int(string key) => settings.TryGetValue(key, out var v) && int.TryParse(v, out var n) ? n : null;
        return new AppHostOptions
        {
            RepoRoot = root,
            DataDir = Path.GetFullPath(settings.GetValueOrDefault("data-dir") ?? Path.Combine(root, ".patchdb")),
            DashboardPort = Int("dashboard-port") ?? 18888,
            OtlpPort = Int("otlp-port") ?? 18890,
            WebPort = Int("web-port") ?? 5080,
            PostgresPort = Int("postgres-port"),
            DashboardToken = settings.GetValueOrDefault("dashboard-token"),
            ExitWhenHealthy = settings.GetValueOrDefault("exit-when-healthy") is "1" or "true",
        };
    }
}
