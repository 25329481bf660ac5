namespace PatchDb.AppHost.Hosting;

/// <summary>Locates server binaries on PATH or in the Debian package locations.</summary>
public static class Binaries
{
    public const string InstallHint = "Install the prerequisites with: sudo eng/install.sh";

    public static string Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(PostgresDirs());
        foreach (var dir in dirs)
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new MissingDependencyException($"'{name}' was not found on PATH or in /usr/lib/postgresql/*/bin. {InstallHint}");
    }

    /// <summary>The Postgres tools from one installation (never mix versions from PATH and /usr/lib).</summary>
    public static string FindPostgresBin()
    {
        var initdb = Find("initdb");
        var dir = Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(true)?.FullName ?? initdb)!;
        return File.Exists(Path.Combine(dir, "postgres")) ? dir : Path.GetDirectoryName(Find("postgres"))!;
    }

    static IEnumerable<string> PostgresDirs() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin"))
            : [];
}
