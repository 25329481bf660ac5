using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace PatchDb.AppHost.Backing;

/// <summary>
/// Whether a container runtime answers. Aspire has no stable API for this before Build(), and without one its
/// containers stay "Runtime unhealthy" forever, so ask the runtime's client directly (about 60 ms).
/// </summary>
public sealed record ContainerRuntime(bool Answered, string Description)
{
    public static ContainerRuntime Probe(IConfiguration configuration)
    {
        // The runtime Aspire itself would use.
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        var format = runtime == "podman" ? "{{.Version.Version}}" : "{{.ServerVersion}}";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", format])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var version = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return new(false, $"'{runtime} info' did not answer within 10 s");
            }
            return process.ExitCode == 0
                ? new(true, $"{runtime} answered (server {version.Result.Trim()})")
                : new(false, $"no {runtime} engine answered ('{runtime} info' exited with {process.ExitCode})");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new(false, $"no '{runtime}' client is installed");
        }
    }
}
