using System.Globalization;
using PatchDb.Tests.Drills.Harness;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Drills;

/// <summary>Runs the six drills one after another and prints each one's account, then the table.</summary>
public static class DrillsCommand
{
    public const string Usage = "drills [--clients 8] [--photos 13] [--only api-kill|embedder-kill|postgres|redis|disk-full|slow-embedder]";

    public static async Task<int> RunAsync(string[] args)
    {
        var size = new DrillSize(Option(args, "--clients", DrillSize.Long.Clients), Option(args, "--photos", DrillSize.Long.PhotosPerClient));
        var only = Array.IndexOf(args, "--only") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var started = DateTime.UtcNow;
        await using var postgres = await PostgresServer.StartNewAsync();
        var drills = new (string Key, Func<Task<DrillResult?>> Run)[]
        {
            ("api-kill", async () => await ApiKillDrill.RunAsync(size, postgres)),
            ("embedder-kill", async () => await EmbedderKillDrill.RunAsync(size, postgres)),
            ("postgres", async () => await PostgresStopDrill.RunAsync(size)),
            ("redis", async () => await RedisStopDrill.RunAsync(size, postgres)),
            ("disk-full", async () => await RunDiskFullAsync(size, postgres)),
            ("slow-embedder", async () => await SlowEmbedderDrill.RunAsync(size, postgres)),
        };
        var results = new List<DrillResult>();
        foreach (var (key, run) in drills.Where(d => only is null || d.Key == only))
        {
            Console.WriteLine($"— {key} —");
            if (await run() is { } result)
            {
                Console.WriteLine(DrillReport.Describe(result));
                results.Add(result);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fault drills — {started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores ({Environment.OSVersion}), "
            + $"{size.Clients} clients × {size.PhotosPerClient} photos, Debug/Release as built: {(AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug")}"));
        Console.WriteLine(DrillReport.Header);
        foreach (var result in results)
        {
            Console.WriteLine(DrillReport.Row(result));
        }
        return results.All(r => r.Violations.Count == 0) ? 0 : 1;
    }

    private static async Task<DrillResult?> RunDiskFullAsync(DrillSize size, PostgresServer postgres)
    {
        var (result, skipped) = await DiskFullDrill.RunAsync(size, postgres);
        if (skipped is not null)
        {
            Console.WriteLine($"skipped: {skipped}");
        }
        return result;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
