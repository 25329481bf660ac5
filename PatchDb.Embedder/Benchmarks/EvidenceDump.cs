using System.Globalization;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-evidence [split folder] [output.csv] [--top N]`: every photo against every gallery photo (itself excluded)
/// with the evidence the Api decides on: classic-v1, r18-gem-v1 and sift-words-v1 cosines and RANSAC inliers. The
/// inliers are computed only for the gallery photos of the query's top N designs by either cosine (all when N is 0),
/// as the Api verifies only its shortlist; -1 marks a pair not verified. Decision rules are then calibrated on the
/// gallery rows alone and judged on the query rows, without re-running the descriptors.
/// </summary>
public static class EvidenceDump
{
    public static Task<int> RunAsync(string[] args)
    {
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--top" or "--features"))).ToList();
        var folder = positional.Count > 0 ? positional[0] : "/work/shared/bench/patches";
        if (ManifestRow.FindSplit(folder) is not { } split)
        {
            Console.Error.WriteLine($"No manifest.csv in {folder}");
            return Task.FromResult(2);
        }

        var output = positional.Count > 1 ? positional[1] : "evidence.csv";
        var top = Array.IndexOf(args, "--top") is var t and >= 0 ? int.Parse(args[t + 1], CultureInfo.InvariantCulture) : 0;
        var options = new LocalFeatureOptions();
        if (Array.IndexOf(args, "--features") is var f and >= 0)
        {
            options.MaxFeatures = int.Parse(args[f + 1], CultureInfo.InvariantCulture);
        }
        var loaded = SplitDescriptors.Load(split, options.MaxFeatures);
        var (rows, classic, whole, features) = (loaded.Rows, loaded.Classic, loaded.Whole, loaded.Features);
        var words = features.Select(x => VisualWords.Embed(x)).ToArray();
        var gallery = loaded.Gallery;
        var lines = new string[rows.Count][];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, q =>
        {
            var others = gallery.Where(g => g != q).ToList();
            var shortlisted = top <= 0 ? null : loaded.TopDesigns(others, g => Dot(classic[q], classic[g]), top)
                .Union(loaded.TopDesigns(others, g => Dot(whole[q], whole[g]), top)).ToHashSet();
            lines[q] = [.. others.Select(g =>
            {
                var (inliers, colour, coverage) = shortlisted is null || shortlisted.Contains(rows[g].Design)
                    ? Colour(features[q], features[g], options)
                    : (-1, -1.0, -1.0);
                return string.Create(CultureInfo.InvariantCulture,
                    $"{q},{rows[q].Design},{(rows[q].IsQuery ? "query" : "gallery")},{g},{rows[g].Design},{Dot(classic[q], classic[g]):0.0000},{Dot(whole[q], whole[g]):0.0000},{inliers},{colour:0.000},{coverage:0.000},{Dot(words[q], words[g]):0.0000}");
            })];
        });
        File.WriteAllLines(output, ["photo,design,role,gallery_photo,gallery_design,classic,whole,inliers,colour,coverage,words", .. lines.SelectMany(l => l)]);
        Console.WriteLine($"{split}: {rows.Count} photos against {gallery.Count} gallery photos → {output}");
        return Task.FromResult(0);
    }

    private static (int Inliers, double Colour, double Coverage) Colour(LocalFeatureSet q, LocalFeatureSet c, LocalFeatureOptions options)
    {
        var (h, from, _, mask) = OpenCvVision.VerifyMatches(q, c, options.Ratio, options.ReprojectionPixels);
        var inliers = mask.Count(m => m);
        var consistent = OpenCvVision.ColourWeighed(q, c, h, from, mask);
        // The share of an 8 × 8 lattice of the query's cells that hold an inlier: a sibling's inliers sit on the shared logo.
        var cells = new HashSet<int>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                cells.Add(Math.Min(7, (int)(from[2 * i + 1] * 8 / q.Height)) * 8 + Math.Min(7, (int)(from[2 * i] * 8 / q.Width)));
            }
        }
        return (inliers, inliers == 0 ? 0 : consistent / (double)inliers, cells.Count / 64.0);
    }

    private static float Dot(float[] a, float[] b) => SplitDescriptors.Dot(a, b);
}
