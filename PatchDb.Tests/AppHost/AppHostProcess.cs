using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.AppHost;

/// <summary>The built AppHost as a process of its own (as `dotnet run` or eng/run.sh starts it), on a given data folder
/// and free ports, until its console says every service is ready.</summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    AppHostProcess(Process process) => _process = process;

    public int Pid => _process.Id;
    public Uri Api { get; private set; } = null!;
    public string Output => string.Join('\n', _output);

    /// <summary>Every process of this run once it is ready: the AppHost, DCP (detached, so found by whom it monitors)
    /// and all they started.</summary>
    public IReadOnlyList<ProcessTable.Entry> Processes { get; private set; } = [];

    public static async Task<AppHostProcess> StartAsync(string dataDirectory, CancellationToken ct)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(RepoPaths.Root, "PatchDb.AppHost", "bin", configuration, "net10.0", "PatchDb.AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        // What Properties/launchSettings.json gives `dotnet run`, on free ports.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        start.Environment["PatchDb__DataDirectory"] = dataDirectory;
        start.Environment["PatchDb__Backing"] = "local";
        start.Environment["PatchDb__WebPort"] = "0";
        var run = new AppHostProcess(Process.Start(start)!);
        run._process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { run._output.Enqueue(line); } };
        run._process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { run._output.Enqueue("stderr: " + line); } };
        run._process.BeginOutputReadLine();
        run._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!run._output.Any(l => l.StartsWith("web ", StringComparison.Ordinal) && l.Contains(" ready ", StringComparison.Ordinal)))
        {
            Assert.False(run._process.HasExited, "The AppHost exited early:\n" + run.Output);
            Assert.True(DateTime.UtcNow < deadline, "The AppHost was not ready within 4 minutes:\n" + run.Output);
            await Task.Delay(200, ct);
        }
        run.Api = new Uri(run._output.Select(l => ApiReady().Match(l)).First(m => m.Success).Groups[1].Value);
        var table = ProcessTable.Read();
        run.Processes = table.Tree([run.Pid, .. table.DcpServersMonitoring(run.Pid)]);
        return run;
    }

    /// <summary>Sends <paramref name="signal"/> (TERM, INT) and waits for the AppHost to exit.</summary>
    public async Task StopAsync(string signal, CancellationToken ct)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", $"{Pid}"]))
        {
            await kill.WaitForExitAsync(ct);
        }
        // A stop that does not end fails with what the AppHost said. (A suite started as a background job of a
        // non-interactive shell inherits SIGINT ignored, so SIGINT cannot stop the AppHost there: run it in the foreground.)
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"The AppHost did not exit within 90 s of SIG{signal}:\n" + string.Join('\n', _output.TakeLast(80)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"^api\s+ready\s+(http\S+)")]
    private static partial Regex ApiReady();
}
