using System.Net.Http;

namespace PatchDb.AppHost.Hosting;

/// <summary>A .NET project started from its build output (<c>dotnet bin/{Configuration}/net10.0/X.dll</c>).</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name)
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };
    string _dll = "";
    string _projectDir = "";

    public override string Kind => "project";
    public int? FixedPort { get; set; }
    public bool IsExternal { get; set; }
    public int Port { get; private set; }
    public string HttpUrl => $"http://localhost:{Port}";
    public override IReadOnlyList<string> Endpoints => [HttpUrl];

    public override Task PrepareAsync(AppHostOptions options, CancellationToken ct)
    {
        _projectDir = Path.GetFullPath(Path.Combine(options.ProjectDir, projectPath));
        var assembly = Path.GetFileName(_projectDir.TrimEnd('/')) + ".dll";
        _dll = FindBuildOutput(_projectDir, assembly)
            ?? throw new MissingDependencyException($"No build output {assembly} under {_projectDir}/bin. Build it with: dotnet build");
        Port = FixedPort ?? Ports.GetFree();
        if (FixedPort is { } port && !Ports.IsFree(port))
        {
            throw new InvalidOperationException($"Port {port} for '{Name}' is in use; choose another one (e.g. PATCHDB_WEB_PORT).");
        }
        return Task.CompletedTask;
    }

    /// <summary>Prefers the AppHost's own configuration, then the newest output of any configuration.</summary>
    static string? FindBuildOutput(string projectDir, string assembly)
    {
        var bin = Path.Combine(projectDir, "bin");
        if (!Directory.Exists(bin))
        {
            return null;
        }
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var preferred = Path.Combine(bin, configuration, "net10.0", assembly);
        return File.Exists(preferred)
            ? preferred
            : Directory.EnumerateFiles(bin, assembly, SearchOption.AllDirectories)
                .Where(f => !f.Contains("/ref/", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
    }

    public override ProcessSpec CreateProcessSpec()
    {
        var env = Environment.ToDictionary(kv => kv.Key, kv => kv.Value());
        env["ASPNETCORE_URLS"] = HttpUrl;
        env["OTEL_SERVICE_NAME"] = Name;
        return new ProcessSpec(DotnetHost.Path, [_dll]) { WorkingDirectory = _projectDir, Environment = env };
    }

    public override async Task<bool> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync($"{HttpUrl}/health", ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
