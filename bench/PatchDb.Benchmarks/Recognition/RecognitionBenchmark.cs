using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PatchDb.Benchmarks.Recognition;

/// <summary>
/// The recognition benchmark, end to end through PatchDb's public HTTP API: a new user enrols each design's gallery
/// photos as one group (holding a fraction of the designs out), then every query photo is uploaded as a search (and
/// deleted again) and the returned groups are scored. Only this harness reads the split's manifest.
/// </summary>
public static class RecognitionBenchmark
{
    public const string Usage =
        "bench-recognition <split-folder> [--api <url of a running PatchDb.Api>] [--holdout 0.2] [--seed 1] [--collection 1000] [--out results.md] [--dump queries.jsonl]\n" +
        "  without --api, a fresh PatchDb is started for the run (temporary data folder) and stopped after it.";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        if (args.Length == 0 || FindSplit(args[0]) is not { } folder)
        {
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }
        args = [folder, .. args[1..]];

        if (Option(args, "--api") is { } api)
        {
            return await RunAgainstAsync(args, api, ct);
        }

        await using var system = await SystemUnderTest.StartAsync(ct);
        return await RunAgainstAsync(args, system.Api.ToString(), ct);
    }

    private static async Task<int> RunAgainstAsync(string[] args, string api, CancellationToken ct)
    {
        var split = BenchmarkSplit.Load(args[0]);
        var holdout = double.Parse(Option(args, "--holdout") ?? "0.2", CultureInfo.InvariantCulture);
        var seed = Option(args, "--seed") ?? "1";
        using var http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromMinutes(2) };
        var client = new PatchDbApiClient(http);
        await client.SignUpAsync($"bench-{Guid.NewGuid():N}"[..20], Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), ct);

        var heldOut = HeldOutDesigns(split, holdout, seed);
        var (groups, enrolLatencies, pending) = await EnrolAsync(client, split, heldOut, ct);
        var collection = int.Parse(Option(args, "--collection") ?? "1000", CultureInfo.InvariantCulture);
        var fillers = await FillCollectionAsync(client, split, collection - enrolLatencies.Count, ct);
        var outcomes = new List<QueryOutcome>();
        // One JSON line per query (its returned groups and scores), for studying the decision rule offline.
        await using var dump = Option(args, "--dump") is { } dumpPath ? new StreamWriter(dumpPath) : null;
        foreach (var query in split.Photos.Where(p => p.Role == "query"))
        {
            var (response, latency) = await client.UploadAsync(split.PathOf(query), ct);
            pending += response.TryGetProperty("status", out var s) && s.GetString() == "pending" ? 1 : 0;
            // The ranking is the matches followed by the candidates below the threshold; the decision is the matches.
            var matches = Groups(response, "matches");
            outcomes.Add(new QueryOutcome(query.Category, groups.GetValueOrDefault(query.DesignId),
                [.. matches, .. Groups(response, "candidates")], matches.Count, latency));
            if (dump is not null)
            {
                var o = outcomes[^1];
                await dump.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    o.Category, o.CorrectGroup, o.Matched, Ranked = o.Ranked.Select(r => new { r.GroupId, r.Score }),
                }));
            }
            await client.DeletePatchAsync(response.GetProperty("patch").GetProperty("id").ToString(), ct);
        }

        var report = Report(split, api, groups.Count, heldOut.Count, fillers, outcomes, enrolLatencies, pending);
        Console.WriteLine(report);
        if (Option(args, "--out") is { } output)
        {
            await File.WriteAllTextAsync(output, report, ct);
        }

        return 0;
    }

    private static async Task<(Dictionary<string, string> Groups, List<TimeSpan> Latencies, int Pending)> EnrolAsync(
        PatchDbApiClient client, BenchmarkSplit split, IReadOnlySet<string> heldOut, CancellationToken ct)
    {
        var groups = new Dictionary<string, string>();
        var latencies = new List<TimeSpan>();
        var pending = 0;
        foreach (var photo in split.Photos.Where(p => p.Role == "gallery" && !heldOut.Contains(p.DesignId)))
        {
            var (response, latency) = await client.UploadAsync(split.PathOf(photo), ct);
            latencies.Add(latency);
            pending += response.TryGetProperty("status", out var s) && s.GetString() == "pending" ? 1 : 0;
            var patchId = response.GetProperty("patch").GetProperty("id").ToString();
            if (groups.TryGetValue(photo.DesignId, out var groupId))
            {
                await client.AddToGroupAsync(patchId, groupId, ct);
            }
            else
            {
                // Neutral names: the design id must not reach PatchDb.
                groups[photo.DesignId] = await client.CreateGroupAsync(patchId, $"group {groups.Count + 1:000}", ct);
            }
        }

        return (groups, latencies, pending);
    }

    /// <summary>A fixed, seeded fraction of the designs that have queries; the same on every run with the same seed.</summary>
    public static IReadOnlySet<string> HeldOutDesigns(BenchmarkSplit split, double fraction, string seed)
    {
        var designs = split.Photos.Where(p => p.Role == "query").Select(p => p.DesignId).Distinct()
            .OrderBy(d => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{d}"))), StringComparer.Ordinal)
            .ToList();
        return designs.Take((int)Math.Round(designs.Count * fraction)).ToHashSet();
    }

    private static List<(string GroupId, double Score)> Groups(JsonElement response, string list) =>
        response.TryGetProperty(list, out var groups)
            ? [.. groups.EnumerateArray().Select(m => (m.GetProperty("group_id").ToString(), m.GetProperty("score").GetDouble()))]
            : [];

    /// <summary>
    /// Grows the user's collection to the size the speed target names with ungrouped photos. They are gallery photos
    /// with a few random bytes after the JPEG end marker: decoders ignore them, but the SHA-256 differs, so each is
    /// analysed afresh. Ungrouped photos never appear among group matches, so the scores are unaffected.
    /// </summary>
    private static async Task<int> FillCollectionAsync(PatchDbApiClient client, BenchmarkSplit split, int count, CancellationToken ct)
    {
        var gallery = split.Photos.Where(p => p.Role == "gallery").ToList();
        for (var i = 0; i < count; i++)
        {
            var bytes = await File.ReadAllBytesAsync(split.PathOf(gallery[i % gallery.Count]), ct);
            await client.UploadAsync([.. bytes, .. RandomNumberGenerator.GetBytes(16)], ct);
        }

        return Math.Max(0, count);
    }

    private static string Report(BenchmarkSplit split, string api, int groups, int heldOut, int fillers, List<QueryOutcome> outcomes,
        List<TimeSpan> enrolLatencies, int pending)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Recognition benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        text.AppendLine(CultureInfo.InvariantCulture, $"split {Path.GetFullPath(split.Folder)}, api {api}: {groups} groups enrolled ({enrolLatencies.Count} photos) plus {fillers} ungrouped photos (collection of {enrolLatencies.Count + fillers}), {heldOut} designs held out, {outcomes.Count} queries, {pending} uploads pending");
        text.AppendLine();
        text.AppendLine(Scorecard.Render(outcomes));
        text.AppendLine(Scorecard.Latency("enrol upload → response", enrolLatencies));
        text.AppendLine(Scorecard.Latency("query upload → matches", outcomes.Select(o => o.Latency).ToList()));
        return text.ToString();
    }

    internal static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    // `dotnet run --project` starts us in the project's folder: a relative split path is looked up from the current
    // folder and each parent, so the README's `../shared/bench/patches` works from the repository root.
    internal static string? FindSplit(string folder)
    {
        if (Path.IsPathRooted(folder))
        {
            return Directory.Exists(folder) ? folder : null;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, folder));
            if (File.Exists(Path.Combine(candidate, "manifest.csv")))
            {
                return candidate;
            }
        }
        return null;
    }
}
