using System.Globalization;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-distinct [split folder] [--center N] [--design-ratio R]`: verification alone, with every inlier counted against only those that
/// tell a design from the other shortlisted designs (<see cref="DistinctiveInliers"/>). Each photo, the queries and
/// then each gallery photo against the rest of the gallery, is verified against the photos of its shortlist (the top 5
/// designs of classic-v1 and of r18-gem-v1), once with its own design enrolled (is the right design first, and with at
/// least N inliers?) and once with it hidden (does the best wrong design stay under N, so the photo is called new?).
/// A design scores as its best photo; ties go to the higher classic-v1 cosine.
/// </summary>
public static class DistinctiveBenchmark
{
    private const int Top = 5;

    public static Task<int> RunAsync(string[] args)
    {
        var folder = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "/work/shared/bench/patches";
        if (ManifestRow.FindSplit(folder) is not { } split)
        {
            Console.Error.WriteLine($"No manifest.csv in {folder}");
            return Task.FromResult(2);
        }

        var center = Array.IndexOf(args, "--center") is var c and >= 0 ? int.Parse(args[c + 1], CultureInfo.InvariantCulture) : 10;
        var options = new LocalFeatureOptions();
        if (Array.IndexOf(args, "--design-ratio") is var r and >= 0)
        {
            options.DesignRatio = double.Parse(args[r + 1], CultureInfo.InvariantCulture);
        }
        var loaded = SplitDescriptors.Load(split, options.MaxFeatures);
        Console.WriteLine($"# Distinctive inliers: {split}, shortlist top {Top} designs of classic-v1 and r18-gem-v1, confirming from {center} inliers, design ratio {options.DesignRatio}");
        Console.WriteLine("| photos | n | counted | recall@1 | right design confirmed | new design kept new |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, photos) in new[] { ("queries", loaded.Queries), ("gallery, leave one out", loaded.Gallery) })
        {
            var outcomes = new (Outcome All, Outcome Distinctive)[photos.Count];
            Parallel.For(0, photos.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                var known = Verify(loaded, photos[i], options, hideOwn: false);
                var hidden = Verify(loaded, photos[i], options, hideOwn: true);
                outcomes[i] = (Judge(loaded, photos[i], known.All, hidden.All), Judge(loaded, photos[i], known.Distinctive, hidden.Distinctive));
            });
            foreach (var (counted, pick) in new (string, Func<(Outcome, Outcome), Outcome>)[] { ("all", o => o.Item1), ("distinctive", o => o.Item2) })
            {
                var each = outcomes.Select(o => pick(o)).ToList();
                Console.WriteLine($"| {name} | {photos.Count} | {counted} | {Share(each, o => o.Rank1):0.000} | "
                    + $"{Share(each, o => o.Rank1 && o.Count >= center):0.000} | {Share(each, o => o.HiddenBest < center):0.000} |");
            }
        }

        return Task.FromResult(0);
    }

    private readonly record struct Outcome(bool Rank1, int Count, int HiddenBest);

    private static double Share(List<Outcome> outcomes, Func<Outcome, bool> hit) => outcomes.Count(hit) / (double)outcomes.Count;

    private static Outcome Judge(SplitDescriptors loaded, int photo, List<(string Design, int Count)> known, List<(string Design, int Count)> hidden) =>
        new(known.Count > 0 && known[0].Design == loaded.Rows[photo].Design, known.Count > 0 ? known[0].Count : 0, hidden.Count > 0 ? hidden[0].Count : 0);

    /// <summary>The shortlisted designs best first, by all inliers and by distinctive ones.</summary>
    private static (List<(string Design, int Count)> All, List<(string Design, int Count)> Distinctive) Verify(
        SplitDescriptors loaded, int photo, LocalFeatureOptions options, bool hideOwn)
    {
        var rows = loaded.Rows;
        var gallery = loaded.Gallery.Where(g => g != photo && (!hideOwn || rows[g].Design != rows[photo].Design)).ToList();
        var designs = loaded.TopDesigns(gallery, g => SplitDescriptors.Dot(loaded.Classic[photo], loaded.Classic[g]), Top)
            .Union(loaded.TopDesigns(gallery, g => SplitDescriptors.Dot(loaded.Whole[photo], loaded.Whole[g]), Top)).ToHashSet();
        var candidates = gallery.Where(g => designs.Contains(rows[g].Design)).ToList();
        var (all, distinctive) = DistinctiveInliers.Count(loaded.Features[photo], [.. candidates.Select(g => loaded.Features[g])],
            [.. candidates.Select(g => rows[g].Design)], options);
        return (Rank(all), Rank(distinctive));

        List<(string Design, int Count)> Rank(int[] counts) =>
        [
            .. candidates.Select((g, k) => (g, k)).GroupBy(p => rows[p.g].Design)
                .Select(d => (Design: d.Key, Count: d.Max(p => counts[p.k]), Cosine: d.Max(p => SplitDescriptors.Dot(loaded.Classic[photo], loaded.Classic[p.g]))))
                .OrderByDescending(d => d.Count).ThenByDescending(d => d.Cosine).Select(d => (d.Design, d.Count)),
        ];
    }
}
