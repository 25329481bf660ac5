using System.Diagnostics;

namespace PatchDb.Tests.Infrastructure;

internal static class Tools
{
    public static string FindPostgresBinary(string name)
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(d => Path.Combine(d, "bin", name))
            : [];
        return debian.Concat(OnPath(name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} not found: run eng/install.sh (installs postgresql).");
    }

    public static string Find(string name) =>
        OnPath(name).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} not found on PATH: run eng/install.sh.");

    public static async Task RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static IEnumerable<string> OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name));

    private static int VersionOf(string dir) => int.TryParse(Path.GetFileName(dir), out var v) ? v : 0;
}
