using System.Globalization;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-local [split folder] [--top N]`: how far geometric verification alone gets. For every query, RANSAC inliers
/// against the gallery photos of the top N groups by a global descriptor (all groups when N is 0); a group's score is
/// its best photo's inliers. Also the inlier distribution of gallery photos against other designs (what a new design
/// reaches), which is where the "verified" bar must sit.
/// </summary>
public static class LocalFeatureBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var folder = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "/work/shared/bench/patches";
        if (ManifestRow.FindSplit(folder) is not { } split)
        {
            Console.Error.WriteLine($"No manifest.csv in {folder}");
            return Task.FromResult(2);
        }

        var top = Array.IndexOf(args, "--top") is var t and >= 0 ? int.Parse(args[t + 1], CultureInfo.InvariantCulture) : 0;
        var loaded = SplitDescriptors.Load(split, new LocalFeatureOptions().MaxFeatures);
        var (rows, gallery, queries, features, global) = (loaded.Rows, loaded.Gallery, loaded.Queries, loaded.Features, loaded.Whole);

        int at1 = 0, at5 = 0, inShortlist = 0;
        var correctInliers = new List<int>();
        var wrongInliers = new List<int>();
        Parallel.ForEach(queries, new ParallelOptions { MaxDegreeOfParallelism = 2 }, q =>
        {
            var groups = gallery.GroupBy(g => rows[g].Design)
                .Select(g => (Design: g.Key, Images: g.ToList(), Cosine: g.Max(i => Dot(global[q], global[i]))))
                .OrderByDescending(g => g.Cosine).Take(top > 0 ? top : int.MaxValue).ToList();
            var scored = groups.Select(g => (g.Design, Inliers: g.Images.Max(i => OpenCvVision.Verify(features[q], features[i], 0.8, 4).Inliers), g.Cosine))
                .OrderByDescending(g => g.Inliers).ThenByDescending(g => g.Cosine).ToList();
            var rank = scored.FindIndex(g => g.Design == rows[q].Design);
            lock (correctInliers)
            {
                at1 += rank == 0 ? 1 : 0;
                at5 += rank is >= 0 and < 5 ? 1 : 0;
                inShortlist += rank >= 0 ? 1 : 0;
                if (rank >= 0) correctInliers.Add(scored[rank].Inliers);
                wrongInliers.Add(scored.Where(g => g.Design != rows[q].Design).Select(g => g.Inliers).DefaultIfEmpty(0).Max());
            }
        });
        Console.WriteLine($"# Local features: {split}, {queries.Count} queries, shortlist {(top > 0 ? $"top {top} groups by r18 GeM" : "all groups")}");
        Console.WriteLine($"recall@1 {at1 / (double)queries.Count:0.000}, recall@5 {at5 / (double)queries.Count:0.000}, correct group shortlisted {inShortlist / (double)queries.Count:0.000}");
        Console.WriteLine($"correct group's inliers: {Quantiles(correctInliers)}");
        Console.WriteLine($"best wrong group's inliers: {Quantiles(wrongInliers)}");
        return Task.FromResult(0);
    }

    private static float Dot(float[] a, float[] b) => SplitDescriptors.Dot(a, b);

    private static string Quantiles(List<int> values)
    {
        var sorted = values.Order().ToList();
        return string.Join(", ", new[] { 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99 }.Select(p => $"p{p * 100:0} {sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))]}"));
    }
}
