using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>The built PatchDb.Web run as its own process (Production), with a home folder of its own, so nothing but
/// what it is configured with (Redis) survives from one start to the next.</summary>
internal sealed class WebProcess : IAsyncDisposable
{
    private readonly WatchedProcess _process;
    private readonly string _home;

    private WebProcess(WatchedProcess process, string home)
    {
        _process = process;
        _home = home;
    }

    public static async Task<WebProcess> StartAsync(int port, string apiUrl, string? redis, params string[] extraEnvironment)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "PatchDb.Web", "bin", configuration, "net10.0", "PatchDb.Web.dll");
        var home = Directory.CreateTempSubdirectory("patchdb-web-home-").FullName;
        List<string> environment =
        [
            $"HOME={home}", "ASPNETCORE_ENVIRONMENT=Production", $"ASPNETCORE_URLS=http://127.0.0.1:{port}",
            $"services__api__http__0={apiUrl}",
        ];
        if (redis is not null)
        {
            environment.Add($"ConnectionStrings__cache={redis}");
        }
        environment.AddRange(extraEnvironment);
        var process = WatchedProcess.Start("/usr/bin/env", [.. environment, "dotnet", dll], runAsUser: null, useSigInt: false);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited, "PatchDb.Web");
        return new WebProcess(process, home);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }
}
