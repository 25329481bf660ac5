using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PatchDb.Benchmarks.Recognition;

namespace PatchDb.Benchmarks.Import;

/// <summary>
/// A first-day bulk import through PatchDb's public HTTP API, as the Web sends it: N distinct photos, a few at a time,
/// one Idempotency-Key each, the shipped upload token bucket in force. Every k-th answer is "lost" and the upload sent
/// again with its key. Afterwards the Api's own list must hold exactly the N photos: none lost, none doubled.
/// </summary>
public static class ImportBenchmark
{
    public const string Usage =
        "bench-import <split-folder> [--api <url of a running PatchDb.Api>] [--photos 200] [--concurrency 3] [--replay-every 10] [--out results.md]\n" +
        "  without --api, a fresh PatchDb is started for the run (shipped upload limit) and stopped after it.";

    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        if (args.Length == 0 || RecognitionBenchmark.FindSplit(args[0]) is not { } folder)
        {
            Console.Error.WriteLine($"usage: {Usage}");
            return 2;
        }

        if (RecognitionBenchmark.Option(args, "--api") is { } api)
        {
            return await RunAgainstAsync(folder, args, api, ct);
        }

        await using var system = await SystemUnderTest.StartAsync(ct, liftUploadLimit: false);
        return await RunAgainstAsync(folder, args, system.Api.ToString(), ct);
    }

    private static async Task<int> RunAgainstAsync(string folder, string[] args, string api, CancellationToken ct)
    {
        int Int(string name, int fallback) => int.Parse(RecognitionBenchmark.Option(args, name) ?? $"{fallback}", CultureInfo.InvariantCulture);
        var (count, concurrency, replayEvery) = (Int("--photos", 200), Int("--concurrency", 3), Int("--replay-every", 10));
        var split = BenchmarkSplit.Load(folder);
        var photos = await Task.WhenAll(split.Photos.Take(count).Select(p => File.ReadAllBytesAsync(split.PathOf(p), ct)));
        using var http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromMinutes(2) };
        var client = new PatchDbApiClient(http);
        await client.SignUpAsync($"import-{Guid.NewGuid():N}"[..20], Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), ct);
        var uploader = new ImportUploader(client);

        var uploads = new ConcurrentBag<ImportUpload>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, photos.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (i, token) => uploads.Add(await uploader.UploadAsync(i, photos[i], replayEvery > 0 && i % replayEvery == 0, token)));
        var elapsed = clock.Elapsed;

        var listed = (await client.ListAsync(ct)).GetProperty("ungrouped_patches").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()!).ToList();
        var ids = uploads.Select(u => u.PatchId).ToHashSet();
        var lost = ids.Count(id => !listed.Contains(id)) + (photos.Length - ids.Count);
        var doubled = listed.Count - listed.Distinct().Count() + listed.Count(id => !ids.Contains(id));
        var replays = uploads.Where(u => u.ReplayPatchId is not null).ToList();
        var replayMismatches = replays.Count(u => u.ReplayPatchId != u.PatchId);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Bulk import benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, api {api}");
        report.AppendLine(CultureInfo.InvariantCulture, $"{photos.Length} distinct photos from {Path.GetFullPath(folder)}, {concurrency} at a time, one Idempotency-Key each");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"time {elapsed.TotalSeconds:F1} s, {photos.Length / elapsed.TotalSeconds:F2} uploads/s (analysis included: each answer carries its matches)");
        report.AppendLine(Scorecard.Latency("upload → answer", uploads.Select(u => u.Latency).ToList()));
        report.AppendLine(CultureInfo.InvariantCulture, $"attempts {uploads.Sum(u => u.Attempts)} for {photos.Length} photos, 429 answers {uploads.Sum(u => u.RateLimited)}, pending {uploads.Count(u => u.Pending)}");
        report.AppendLine(CultureInfo.InvariantCulture, $"lost answers re-sent with the same key: {replays.Count}, answered with another photo: {replayMismatches}");
        report.AppendLine(CultureInfo.InvariantCulture, $"the Api lists {listed.Count} photos: lost {lost}, doubled {doubled}");
        Console.WriteLine(report);
        if (RecognitionBenchmark.Option(args, "--out") is { } output)
        {
            await File.WriteAllTextAsync(output, report.ToString(), ct);
        }

        return lost == 0 && doubled == 0 && replayMismatches == 0 ? 0 : 1;
    }
}
