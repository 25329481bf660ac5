using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>Upload plans from the benchmark split: every client gets different photos, so two images with the same
/// bytes for one user can only be a duplicate.</summary>
public static class DrillPhotos
{
    private static string Gallery => Path.Combine(RepoPaths.BenchPatches, "gallery");

    private static string Query => Path.Combine(RepoPaths.BenchPatches, "query");

    /// <summary><paramref name="perClient"/> distinct gallery photos for each of <paramref name="clients"/> clients.</summary>
    public static IReadOnlyList<DrillPhoto>[] Distinct(int clients, int perClient)
    {
        var all = Directory.GetFiles(Gallery, "*.jpg").Order(StringComparer.Ordinal).ToArray();
        if (all.Length < clients * perClient)
        {
            throw new InvalidOperationException($"{Gallery} has {all.Length} photos, the drill needs {clients * perClient}.");
        }
        return [.. Enumerable.Range(0, clients).Select(c =>
            (IReadOnlyList<DrillPhoto>)[.. Enumerable.Range(0, perClient).Select(k => DrillPhoto.Of(all[k * clients + c]))])];
    }

    /// <summary>Per client, designs with two gallery photos each, every design followed later by a query photo of
    /// it (a match that must find the gallery photos). Designs are the ones with gallery and query photos.</summary>
    public static IReadOnlyList<DrillPhoto>[] WithQueries(int clients, int designsPerClient)
    {
        var designs = Directory.GetFiles(Query, "*.jpg").Select(DrillPhoto.Of).Select(p => p.Design).Distinct()
            .Where(d => File.Exists(Path.Combine(Gallery, $"{d}_1.jpg"))).Order(StringComparer.Ordinal).ToArray();
        if (designs.Length < clients * designsPerClient)
        {
            throw new InvalidOperationException($"The drill needs {clients * designsPerClient} designs with queries, {Query} has {designs.Length}.");
        }
        return [.. Enumerable.Range(0, clients).Select(c =>
        {
            var plan = new List<DrillPhoto>();
            var mine = Enumerable.Range(0, designsPerClient).Select(k => designs[k * clients + c]).ToArray();
            foreach (var design in mine)
            {
                plan.Add(DrillPhoto.Of(Path.Combine(Gallery, $"{design}_0.jpg")));
                plan.Add(DrillPhoto.Of(Path.Combine(Gallery, $"{design}_1.jpg")));
                plan.Add(DrillPhoto.Of(Directory.GetFiles(Query, $"{design}_*.jpg").Order(StringComparer.Ordinal).First()));
            }
            return (IReadOnlyList<DrillPhoto>)plan;
        })];
    }
}
