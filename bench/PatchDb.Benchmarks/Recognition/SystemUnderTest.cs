using System.Diagnostics;
using System.Text.RegularExpressions;
using PatchDb.AppHost.Hosting;

namespace PatchDb.AppHost.Benchmarks;

/// <summary>
/// A whole PatchDb started for one benchmark run: this AppHost again, as a child process, on a fresh data folder and
/// free ports, with the per-user upload rate limit lifted (the benchmark uploads hundreds of photos as one user).
/// </summary>
public sealed partial class SystemUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;

    private SystemUnderTest(Process process, string dataDir, Uri api)
    {
        _process = process;
        _dataDir = dataDir;
        Api = api;
    }

    public Uri Api { get; }

    public static async Task<SystemUnderTest> StartAsync(CancellationToken ct)
    {
        var dataDir = Directory.CreateTempSubdirectory("patchdb-bench-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(SystemUnderTest).Assembly.Location);
        info.Environment["PATCHDB_DATA_DIR"] = dataDir;
        foreach (var name in new[] { "PATCHDB_DASHBOARD_PORT", "PATCHDB_OTLP_PORT", "PATCHDB_WEB_PORT" })
        {
            info.Environment[name] = Ports.GetFree().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        info.Environment["RateLimiting__UploadPermitLimit"] = "1000000";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the AppHost.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[apphost] {e.Data}");
            }
        };
        process.BeginErrorReadLine();

        Uri? api = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            Console.Error.WriteLine($"[apphost] {line}");
            if (ApiReady().Match(line) is { Success: true } m)
            {
                api = new Uri(m.Groups[1].Value);
            }

            if (line.Contains("healthy after", StringComparison.Ordinal) && api is not null)
            {
                // Keep draining the console so the AppHost never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new SystemUnderTest(process, dataDir, api);
            }
        }

        throw new InvalidOperationException("The AppHost exited before PatchDb was healthy.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGINT: the AppHost's own graceful stop of every resource.
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Postgres files of another owner may linger; a temp folder is not worth failing the benchmark for.
        }
    }

    [GeneratedRegex(@"^api\s+ready\s+(http\S+)")]
    private static partial Regex ApiReady();
}
