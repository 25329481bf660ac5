namespace PatchDb.Embedder.Benchmarks;

internal sealed record BenchmarkArguments(string? OnnxModelDirectory, string PhotosDirectory, int Requests)
{
    public const string Usage =
        "usage: bench-throughput [--onnx-model DIR] [--photos DIR (default ../shared/bench/patches/gallery)] [--requests N (default 32)]";

    public static BenchmarkArguments? Parse(string[] args)
    {
        string? onnx = null;
        var photos = Path.Combine(FindRepoRoot(), "..", "shared", "bench", "patches", "gallery");
        var requests = 32;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--onnx-model" when value is not null: onnx = Path.GetFullPath(value); i++; break;
                case "--photos" when value is not null: photos = value; i++; break;
                case "--requests" when int.TryParse(value, out var n) && n > 0: requests = n; i++; break;
                default: return null;
            }
        }

        return Directory.Exists(photos) ? new BenchmarkArguments(onnx, Path.GetFullPath(photos), requests) : null;
    }

    internal static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PatchDb.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
