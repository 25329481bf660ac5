using System.Diagnostics;

namespace PatchDb.Tests.Infrastructure;

/// <summary>
/// Runs one of our services as the real executable until it exits, for start-up failures: an in-process host
/// (WebApplicationFactory) may report a failed start as an unrelated disposal error, a process reports it as it
/// would in production, with a non-zero exit code and the reason on its console.
/// </summary>
public static class ServiceProcess
{
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string project, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [DllOf(project)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        // ONNX Runtime records telemetry under $HOME/.cache unless this is set before the process starts.
        start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts a service as its real executable on a loopback port, under the watchdog, until it is stopped
    /// or killed (fault drills); returns once it listens.</summary>
    public static async Task<WatchedProcess> StartAsync(string project, int port, IReadOnlyDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ORT_DISABLE_TELEMETRY"] = "1",
        };
        List<string> arguments = [DllOf(project)];
        foreach (var (key, value) in environment)
        {
            // The watchdog's shell (dash) drops variables whose names are no shell identifiers (a '.' or '-' in
            // Logging__LogLevel__Microsoft.AspNetCore or Recognition__Thresholds__classic-v1): those go as
            // command-line configuration instead, which the services read the same way.
            if (key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                all[key] = value;
            }
            else
            {
                arguments.Add($"--{key.Replace("__", ":", StringComparison.Ordinal)}={value}");
            }
        }
        var process = WatchedProcess.Start("dotnet", arguments, runAsUser: null, useSigInt: false, all);
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(120), () => process.HasExited, project);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}\n{process.Output}", ex);
        }
        return process;
    }

    private static string DllOf(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(RepoPaths.Root, project, "bin", configuration, "net10.0", $"{project}.dll");
    }
}
