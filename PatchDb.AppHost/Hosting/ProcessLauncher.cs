using System.Collections.Concurrent;
using System.Diagnostics;

namespace PatchDb.AppHost.Hosting;

/// <summary>
/// Starts child processes so that they cannot outlive the AppHost: each runs under
/// <c>setpriv --pdeathsig</c> (the kernel signals it when its parent thread dies) in its own session
/// (<c>setsid</c>), so a stop can kill its whole process group.
/// </summary>
/// <remarks>
/// The parent-death signal fires when the thread that forked the child exits, not the process; thread-pool
/// threads retire when idle, so every fork happens on one dedicated thread that lives as long as the AppHost.
/// </remarks>
public static class ProcessLauncher
{
    static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Queue = [];
    static readonly string? Setpriv = File.Exists("/usr/bin/setpriv") ? "/usr/bin/setpriv" : null;
    static readonly string? Setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;

    static ProcessLauncher()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "PatchDb process launcher" };
        thread.Start();
    }

    public static async Task<Process> StartAsync(ProcessSpec spec, ResourceLog log)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        var args = new List<string>();
        if (Setpriv is not null)
        {
            psi.FileName = Setpriv;
            if (spec.User is { } user)
            {
                args.AddRange(["--reuid", $"{user.Uid}", "--regid", $"{user.Gid}", "--clear-groups"]);
            }
            args.AddRange(["--pdeathsig", spec.StopSignal == NativeMethods.SIGINT ? "INT" : "TERM", "--"]);
            if (Setsid is not null)
            {
                args.Add(Setsid);
            }
            args.Add(spec.FileName);
        }
        else
        {
            psi.FileName = spec.FileName;
        }
        args.AddRange(spec.Arguments);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (key, value) in spec.Environment)
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Add(e.Data, isError: true); };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add((process, started));
        await started.Task;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static void Loop()
    {
        foreach (var (process, started) in Queue.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }
}
