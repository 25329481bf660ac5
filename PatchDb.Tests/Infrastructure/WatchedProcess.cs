using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PatchDb.Tests.Infrastructure;

/// <summary>
/// A server process started under a small shell watchdog: if the test host dies without cleaning up, the watchdog
/// notices that the host's /proc entry is gone and stops the server, so no postgres or redis-server outlives a run.
/// </summary>
public sealed class WatchedProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private const string Watchdog =
        "\"$@\" & child=$!; echo $child > \"$PIDFILE\"; " +
        "while [ -d /proc/$WATCH ] && kill -0 $child 2>/dev/null; do sleep 0.5; done; " +
        "kill -$STOPSIG $child 2>/dev/null; wait $child";

    private readonly Process _wrapper;
    private readonly string _pidFile;
    private readonly StringBuilder _output = new();
    private readonly int _stopSignal;

    private WatchedProcess(Process wrapper, string pidFile, int stopSignal)
    {
        _wrapper = wrapper;
        _pidFile = pidFile;
        _stopSignal = stopSignal;
    }

    public bool HasExited => _wrapper.HasExited;

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <param name="runAsUser">Run the server as this user (through runuser); null to run as ourselves.</param>
    /// <param name="useSigInt">Stop with SIGINT (postgres' fast shutdown) instead of SIGTERM.</param>
    /// <param name="environment">Extra environment variables of the server.</param>
    public static WatchedProcess Start(string fileName, IEnumerable<string> arguments, string? runAsUser, bool useSigInt,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"patchdb-{Guid.NewGuid():N}.pid");
        var info = new ProcessStartInfo
        {
            FileName = runAsUser is null ? "/bin/sh" : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAsUser is not null)
        {
            foreach (var a in new[] { "-u", runAsUser, "--", "/bin/sh" })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in new[] { "-c", Watchdog, "watchdog", fileName })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WATCH"] = Environment.ProcessId.ToString();
        info.Environment["PIDFILE"] = pidFile;
        info.Environment["STOPSIG"] = useSigInt ? "INT" : "TERM";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        if (runAsUser is not null && !OperatingSystem.IsWindows())
        {
            // The unprivileged user must be able to write it.
            File.WriteAllText(pidFile, "");
            File.SetUnixFileMode(pidFile, (UnixFileMode)0b110_110_110);
        }

        var process = new Process { StartInfo = info };
        var watched = new WatchedProcess(process, pidFile, useSigInt ? SigInt : SigTerm);
        process.OutputDataReceived += (_, e) => watched.Append(e.Data);
        process.ErrorDataReceived += (_, e) => watched.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return watched;
    }

    /// <summary>Asks the server to stop (SIGINT/SIGTERM), waits, and kills it if it does not.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_wrapper.HasExited)
        {
            return;
        }

        if (ServerPid() is { } pid)
        {
            _ = kill(pid, _stopSignal);
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await _wrapper.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            if (ServerPid() is { } stuck)
            {
                _ = kill(stuck, 9);
            }

            _wrapper.Kill(entireProcessTree: true);
            await _wrapper.WaitForExitAsync();
        }
    }

    /// <summary>SIGKILL to the server: no shutdown at all, as a crash or the kernel's OOM killer would end it.</summary>
    public async Task KillAsync()
    {
        if (ServerPid() is { } pid)
        {
            _ = kill(pid, 9);
        }

        // The watchdog notices within half a second and exits.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _wrapper.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _wrapper.Dispose();
        File.Delete(_pidFile);
    }

    private int? ServerPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(_pidFile).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
