using System.Diagnostics;
using System.Globalization;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-recall [split folder] [--classic-only]`: recall@1/@5, MRR, separation, median margin (overall and per category) of
/// classic-v1 and two naive baselines, plus a gallery-calibrated "new design" threshold and its known-or-new accuracy.
/// Only this harness reads the manifest; descriptors see decoded pixels only.
/// </summary>
public static class RecallBenchmark
{
    private sealed record Method(string Name, Func<int, float[]> Describe, Func<float[], float[], float> Similarity);

    public static Task<int> RunAsync(string[] args)
    {
        // --classic-only skips the two naive baselines (their numbers never change) for quicker development runs.
        var classicOnly = args.Contains("--classic-only");
        // --learned adds the ResNet18 variants and their fusions with classic-v1 (LearnedVariants).
        var learned = args.Contains("--learned");
        args = args.Where(a => a is not "--classic-only" and not "--learned").ToArray();
        var split = ManifestRow.FindSplit(args.Length > 0 ? args[0] : Path.Combine("..", "shared", "bench", "patches"));
        if (split is null)
        {
            Console.Error.WriteLine($"No manifest.csv in {(args.Length > 0 ? args[0] : "../shared/bench/patches")}");
            return Task.FromResult(2);
        }
        var rows = ManifestRow.Read(split);

        var model = new ClassicV1Model();
        var decoder = new PhotoDecoder(new ImageLimits());
        var images = new RgbImage[rows.Count];
        Parallel.For(0, rows.Count, i => images[i] = decoder.Decode(File.ReadAllBytes(Path.Combine(split, rows[i].File)), model.PreferredInputLongSide).Working);

        var timings = new List<double>();
        var classic = images.Select(img => Timed(() => model.EmbedImages([img])[0], timings)).ToArray();
        var methods = new[]
        {
            new Method("classic-v1", i => classic[i], BaselineDescriptors.Cosine),
            new Method("colour histogram, 64 bins/channel, cosine", i => BaselineDescriptors.ColourHistogram(images[i]), BaselineDescriptors.Cosine),
            new Method("pHash 8×8 DCT, Hamming similarity", i => BaselineDescriptors.PerceptualHash(images[i]), BaselineDescriptors.HammingSimilarity),
        }.Take(classicOnly || learned ? 1 : 3).ToList();
        if (learned)
        {
            methods.AddRange(LearnedVariants.Compute(images, classic).Select(v => new Method(v.Name, i => v.Vectors[i], BaselineDescriptors.Cosine)));
        }

        Console.WriteLine($"# Recall benchmark: {split}");
        Console.WriteLine($"{rows.Count(r => !r.IsQuery)} gallery photos, {rows.Count(r => r.IsQuery)} queries, "
            + $"{rows.Select(r => r.Design).Distinct().Count()} designs; classic-v1 input long side {model.PreferredInputLongSide} px, {model.Dimensions} dimensions.");
        Console.WriteLine();
        var categories = rows.Select(r => r.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        Console.WriteLine("| method | queries | recall@1 | recall@5 | MRR | separation | median margin | threshold | thr. recall@1 | thr. recall@5 | decision acc. (known / new) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var perCategory = new List<string>();
        var leads = new List<string>();
        foreach (var method in methods)
        {
            var photos = rows.Select((r, i) => new BenchPhoto(r.Design, r.IsQuery, r.Category, method.Describe(i))).ToList();
            var outcomes = RetrievalScorer.Rank(photos, method.Similarity);
            var s = RetrievalScorer.Summarise(outcomes);
            var threshold = ThresholdCalibration.Calibrate(photos.Where(p => !p.IsQuery).ToList(), method.Similarity);
            var h = ThresholdCalibration.HoldOut(photos, method.Similarity);
            if (method.Name == "classic-v1")
            {
                var (lead, kept, rejected) = LeadCalibration.Calibrate(photos.Where(p => !p.IsQuery).ToList(), method.Similarity, threshold);
                leads.Add($"{method.Name}: gallery-calibrated lead {lead:0.000} (known designs kept {kept:0.000}, new designs' false matches rejected {rejected:0.000})");
            }
            Console.WriteLine($"| {method.Name} | {outcomes.Count} | {F(s.Recall1)} | {F(s.Recall5)} | {F(s.Mrr)} | {F(s.Separation)} | "
                + $"{F(s.MedianMargin)} | {F(threshold)} | {F(h.Recall1)} | {F(h.Recall5)} | {F(h.Accuracy)} ({F(h.KnownAccuracy)} / {F(h.NewAccuracy)}) |");
            perCategory.Add($"| {method.Name} | " + string.Join(" | ", categories.Select(c =>
            {
                var cs = RetrievalScorer.Summarise(outcomes.Where(o => o.Query.Category == c).ToList());
                return $"{F(cs.Recall1)} / {F(cs.Recall5)} / {F(cs.Mrr)}";
            })) + " |");
        }
        Console.WriteLine();
        Console.WriteLine("Per category (recall@1 / recall@5 / MRR):");
        Console.WriteLine();
        Console.WriteLine("| method | " + string.Join(" | ", categories) + " |");
        Console.WriteLine("|---|" + string.Concat(categories.Select(_ => "---|")));
        perCategory.ForEach(Console.WriteLine);
        Console.WriteLine();
        leads.ForEach(Console.WriteLine);
        timings.Sort();
        Console.WriteLine();
        Console.WriteLine($"classic-v1 EmbedImages per photo (1 thread): p50 {timings[timings.Count / 2]:F1} ms, p95 {timings[timings.Count * 95 / 100]:F1} ms.");
        Console.WriteLine("Threshold: calibrated on the gallery only. Thresholded recall (what the Api returns: only groups at or above the threshold are listed)");
        Console.WriteLine("and decision accuracy: 5 folds, 20 % of designs held out of enrolment each, threshold re-calibrated on each fold's gallery;");
        Console.WriteLine("thresholded recall counts the known designs' queries, decision accuracy all queries.");
        return Task.FromResult(0);
    }

    private static float[] Timed(Func<float[]> embed, List<double> timings)
    {
        var sw = Stopwatch.StartNew();
        var v = embed();
        timings.Add(sw.Elapsed.TotalMilliseconds);
        return v;
    }

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
