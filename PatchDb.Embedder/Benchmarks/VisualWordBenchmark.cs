using System.Numerics.Tensors;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// `bench-words [split folder]`: what each shortlist descriptor ranks on its own (every query against every gallery
/// photo, a group scored by its best photo), and how often the Api's shortlist holds the right group: the top 5
/// groups of classic-v1 and of r18-gem-v1, then those plus the top 5 of sift-words-v1 (<see cref="VisualWords"/>).
/// </summary>
public static class VisualWordBenchmark
{
    private const int Top = 5;

    public static Task<int> RunAsync(string[] args)
    {
        var folder = args.Length > 0 ? args[0] : "/work/shared/bench/patches";
        if (ManifestRow.FindSplit(folder) is not { } split)
        {
            Console.Error.WriteLine($"No manifest.csv in {folder}");
            return Task.FromResult(2);
        }

        var loaded = SplitDescriptors.Load(split, new LocalFeatureOptions().MaxFeatures);
        var (rows, gallery, queries) = (loaded.Rows, loaded.Gallery, loaded.Queries);
        var words = loaded.Features.Select(f => VisualWords.Embed(f)).ToArray();
        var descriptors = new (string Name, float[][] Vectors)[] { ("classic-v1", loaded.Classic), (WholePhotoEmbedder.ModelId, loaded.Whole), (VisualWords.ModelId, words) };
        var ranked = descriptors.Select(d => queries.Select(q => Rank(gallery, rows, i => TensorPrimitives.Dot(d.Vectors[q], d.Vectors[i]))).ToList()).ToList();
        Console.WriteLine($"# Shortlist descriptors: {split}, {queries.Count} queries against {gallery.Count} gallery photos");
        Console.WriteLine("| descriptor | recall@1 | recall@5 |");
        Console.WriteLine("|---|---|---|");
        for (var d = 0; d < descriptors.Length; d++)
        {
            Console.WriteLine($"| {descriptors[d].Name} | {Share(queries, q => ranked[d][q][0] == rows[queries[q]].Design):0.000} | "
                + $"{Share(queries, q => ranked[d][q].Take(Top).Contains(rows[queries[q]].Design)):0.000} |");
        }

        bool InTop(int descriptor, int q) => ranked[descriptor][q].Take(Top).Contains(rows[queries[q]].Design);
        Console.WriteLine($"right group in the shortlist, classic-v1 top {Top} + r18-gem-v1 top {Top}: {Share(queries, q => InTop(0, q) || InTop(1, q)):0.000}; "
            + $"with sift-words-v1 top {Top}: {Share(queries, q => InTop(0, q) || InTop(1, q) || InTop(2, q)):0.000}");
        return Task.FromResult(0);
    }

    private static double Share(List<int> queries, Func<int, bool> hit) => Enumerable.Range(0, queries.Count).Count(hit) / (double)queries.Count;

    private static List<string> Rank(List<int> gallery, List<ManifestRow> rows, Func<int, float> similarity) =>
        [.. gallery.GroupBy(g => rows[g].Design).Select(g => (g.Key, Best: g.Max(similarity))).OrderByDescending(g => g.Best).Select(g => g.Key)];
}
