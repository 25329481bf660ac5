using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PatchDb.AppHost.LocalServers;

/// <summary>Runs the one-off tools of the local servers (useradd, chown, initdb) outside DCP.</summary>
internal static class ToolRunner
{
    public static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {program}.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {process.StandardError.ReadToEnd().Trim()}");
        }
    }

    /// <summary>Runs a tool, its output going to the resource's console log; returns the exit code.</summary>
    public static async Task<int> RunAsync(string program, IEnumerable<string> args, ILogger logger, CancellationToken ct)
    {
        using var process = new Process { StartInfo = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true } };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { logger.LogInformation("{Line}", line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { logger.LogWarning("{Line}", line); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }
}
