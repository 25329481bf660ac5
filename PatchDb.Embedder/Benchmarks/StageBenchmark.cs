using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-stages [--bench DIR (default ../shared/bench)] [--photos N (default 40)] [--candidates N (default 35)]`: where
/// an analysis spends its time. Each split's first N query photos are analysed one at a time (classic-v1, no HTTP, no
/// cache) and the Embedder's own spans are summed per photo by name; then each query's features are verified against
/// the first C gallery photos' in one <see cref="LocalFeatureService.Verify"/> call, as the Api's /v1/verify does; and
/// the matching of a pair, with <see cref="NearestDescriptors"/> and with OpenCV's brute-force matcher, side by side.
/// </summary>
public static class StageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var bench = Path.Combine(BenchmarkArguments.FindRepoRoot(), "..", "shared", "bench");
        int photos = 40, candidates = 35;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--bench": bench = args[i + 1]; break;
                case "--photos": photos = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--candidates": candidates = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: await Console.Error.WriteLineAsync("usage: bench-stages [--bench DIR] [--photos N] [--candidates N]"); return 2;
            }
        }

        var spans = new ConcurrentQueue<(string Name, double Ms)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EmbedderTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a => spans.Enqueue((a.OperationName, a.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(listener);
        await using var pipeline = await BenchmarkPipeline.StartAsync(new() { ["Embedder:Model"] = EmbedderOptions.ClassicModelId });
        var analyzer = pipeline.Services.GetRequiredService<PhotoAnalyzer>();
        var features = pipeline.Services.GetRequiredService<LocalFeatureService>();
        Console.WriteLine($"# Analysis stages — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, "
            + $"{photos} query photos a split, one at a time; verify against {candidates} gallery photos");
        Console.WriteLine();
        Console.WriteLine("| split | stage | p50 ms | p95 ms |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var split in new[] { "patches", "grocery" })
        {
            var folder = Path.Combine(bench, split);
            var queries = Files(folder, "query", photos);
            var gallery = new List<LocalFeatureSet>();
            foreach (var file in Files(folder, "gallery", candidates))
            {
                var blob = (await analyzer.AnalyzeAsync(File.ReadAllBytes(file), CancellationToken.None)).LocalFeatures;
                gallery.Add(LocalFeatureSet.Decode(blob ?? throw new InvalidOperationException("No local features: is OpenCV loadable?")));
            }

            var stages = new Dictionary<string, List<double>>();
            var (ours, opencv, same, pairs) = (new List<double>(), new List<double>(), 0, 0);
            foreach (var file in queries)
            {
                spans.Clear();
                var bytes = File.ReadAllBytes(file);
                var started = Stopwatch.GetTimestamp();
                var analysis = await analyzer.AnalyzeAsync(bytes, CancellationToken.None);
                var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var perPhoto = spans.GroupBy(s => s.Name).Select(g => (Name: g.Key, Ms: g.Sum(s => s.Ms))).ToList();
                perPhoto.Add(("analysis (whole)", total));
                started = Stopwatch.GetTimestamp();
                features.Verify(LocalFeatureSet.Decode(analysis.LocalFeatures!), gallery);
                perPhoto.Add(($"verify ×{gallery.Count}", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                var query = LocalFeatureSet.Decode(analysis.LocalFeatures!);
                foreach (var candidate in gallery.Take(5))
                {
                    started = Stopwatch.GetTimestamp();
                    var matches = FeatureMatches.OneToOne(query, candidate, features.Options.Ratio).From.Length / 2;
                    ours.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    started = Stopwatch.GetTimestamp();
                    var before = OpenCvBruteForce.OneToOneCount(query, candidate, features.Options.Ratio);
                    opencv.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    (same, pairs) = (same + (matches == before ? 1 : 0), pairs + 1);
                }
                foreach (var (name, ms) in perPhoto)
                {
                    (stages.TryGetValue(name, out var list) ? list : stages[name] = []).Add(ms);
                }
            }

            foreach (var (name, values) in stages.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                values.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {split} | {name} | {Percentile(values, 0.5):0.0} | {Percentile(values, 0.95):0.0} |"));
            }

            // Side by side on the same pairs, one thread: the matching verification now uses, and OpenCV's.
            foreach (var (name, values) in new[] { ("match a pair: NearestDescriptors", ours), ("match a pair: OpenCV BFMatcher", opencv) })
            {
                values.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {split} | {name} ({same}/{pairs} pairs with the same matches) | {Percentile(values, 0.5):0.0} | {Percentile(values, 0.95):0.0} |"));
            }
        }

        return 0;
    }

    // Sorted, so that every run takes the same photos. The gallery analyses double as the warm-up.
    private static List<string> Files(string split, string role, int count) =>
        [.. Directory.GetFiles(Path.Combine(split, role), "*.jpg").Order(StringComparer.Ordinal).Take(count)];

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
