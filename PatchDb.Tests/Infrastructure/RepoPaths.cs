namespace PatchDb.Tests.Infrastructure;

/// <summary>Well-known folders, found from the test binaries so tests run from any working directory.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    /// <summary>The shared data folder that sits beside the repository (never copied into it).</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("PATCHDB_SHARED_DIR") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string BenchPatches => Path.Combine(Shared, "bench", "patches");

    /// <summary>Real smartphone photos of grocery packages (MIT), in the same layout as <see cref="BenchPatches"/>.</summary>
    public static string BenchGrocery => Path.Combine(Shared, "bench", "grocery");

    public static string ModelsDir => Path.Combine(Root, ".patchdb", "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatchDb.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PatchDb.sln not found above {AppContext.BaseDirectory}.");
    }
}
