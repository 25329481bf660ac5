namespace PatchDb.Embedder.Benchmarks;

/// <summary>One row of a benchmark split's manifest.csv (design_id, role, file, source, category, …); the file is
/// relative to the split's folder.</summary>
internal sealed record ManifestRow(string Design, bool IsQuery, string File, string Category)
{
    public static List<ManifestRow> Read(string split) =>
    [
        .. System.IO.File.ReadLines(Path.Combine(split, "manifest.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(p => new ManifestRow(p[0], p[1] == "query", p[2], p[4])),
    ];

    /// <summary>The split folder holding a manifest.csv: a relative folder is looked up from the current directory and
    /// its parents (`dotnet run` starts in the project folder); null when there is none.</summary>
    public static string? FindSplit(string folder)
    {
        if (Path.IsPathRooted(folder))
        {
            return System.IO.File.Exists(Path.Combine(folder, "manifest.csv")) ? folder : null;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, folder));
            if (System.IO.File.Exists(Path.Combine(candidate, "manifest.csv")))
            {
                return candidate;
            }
        }

        return null;
    }
}
