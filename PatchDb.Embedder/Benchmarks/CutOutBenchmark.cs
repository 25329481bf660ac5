using System.Diagnostics;
using System.Globalization;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-cutouts [--bench DIR (default ../shared/bench)] [--sheet FILE (default artifacts/cutouts.webp)]`: cuts out
/// every query photo of the public patches split and of the grocery split (decoded as /v1/analyze decodes them) and
/// prints, per split, the share of cut-outs at or above several confidence thresholds and the median time of one
/// cut-out (decoding excluded; two at a time); then
/// writes a contact sheet (<see cref="ContactSheet"/>) to look at.
/// </summary>
public static class CutOutBenchmark
{
    private static readonly double[] Thresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

    /// <summary>The Api's default Cutouts:MinConfidence, chosen from this benchmark.</summary>
    private const double SheetThreshold = 0.6;

    public static int Run(string[] args)
    {
        var root = BenchmarkArguments.FindRepoRoot();
        var bench = Path.Combine(root, "..", "shared", "bench");
        var sheet = Path.Combine(root, "artifacts", "cutouts.webp");
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--bench": bench = args[i + 1]; break;
                case "--sheet": sheet = args[i + 1]; break;
                default: Console.Error.WriteLine("usage: bench-cutouts [--bench DIR] [--sheet FILE]"); return 2;
            }
        }

        var decoder = new PhotoDecoder(new ImageLimits());
        Console.WriteLine($"# Cut-outs — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, query photos, 512 px working image");
        Console.WriteLine();
        Console.WriteLine("| split | photos | none | " + string.Join(" | ", Thresholds.Select(t => $"≥ {t:0.0}")) + " | median conf. | median ms |");
        Console.WriteLine("|---|---:|---:|" + string.Concat(Thresholds.Select(_ => "---:|")) + "---:|---:|");
        var tiles = new List<(byte[]? Webp, double Confidence)>();
        foreach (var split in new[] { "patches", "grocery" })
        {
            var folder = Path.Combine(bench, split, "query");
            var files = Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToList();
            var results = new (byte[]? Webp, double Confidence)[files.Count];
            var times = new double[files.Count];
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var photo = decoder.Decode(File.ReadAllBytes(files[i]), 512);
                var started = Stopwatch.GetTimestamp();
                var cut = CutOutMaker.TryMakeOrNull(photo.Working);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                results[i] = (cut?.Webp, cut?.Confidence ?? 0);
            });
            var ms = times.Order().ElementAt(times.Length / 2);
            var confidences = results.Select(r => r.Confidence).Order().ToList();
            var shares = Thresholds.Select(t => (results.Count(r => r.Confidence >= t) / (double)files.Count).ToString("0.000", CultureInfo.InvariantCulture));
            Console.WriteLine($"| {split} | {files.Count} | {results.Count(r => r.Webp is null)} | {string.Join(" | ", shares)} | "
                + $"{confidences[confidences.Count / 2].ToString("0.00", CultureInfo.InvariantCulture)} | {ms:0} |");
            // Every fourth patches photo and every sixth grocery one, in file order: a fair sample, not the best.
            tiles.AddRange(results.Where((_, i) => i % (split == "patches" ? 4 : 6) == 0));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(sheet))!);
        File.WriteAllBytes(sheet, ContactSheet.Render(tiles, SheetThreshold, Path.GetExtension(sheet).ToLowerInvariant()));
        Console.WriteLine();
        Console.WriteLine($"Contact sheet: {sheet} ({tiles.Count} tiles; green frame = confidence ≥ {SheetThreshold} (the Api's Cutouts:MinConfidence), red = below, grey = no outline).");
        return 0;
    }
}
