using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace PatchDb.Benchmarks.Startup;

/// <summary>
/// How long the whole system takes to come up and to stop: the AppHost through Aspire's testing builder (no
/// dashboard), first on an empty data folder (initdb, database creation, first migrations), then warm on the same one.
/// </summary>
public static class StartupBenchmark
{
    public const string Usage = "bench-startup [--warm-runs 2]";

    static readonly string[] Resources = ["postgres", "patchdb", "cache", "embedder", "api", "web"];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct = default)
    {
        var warmRuns = Array.IndexOf(args, "--warm-runs") is var i and >= 0 && i + 1 < args.Length
            ? int.Parse(args[i + 1], CultureInfo.InvariantCulture)
            : 2;
        var dataDirectory = Directory.CreateTempSubdirectory("patchdb-bench-startup-").FullName;
        try
        {
            Console.WriteLine($"AppHost start-up — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, build already done");
            Console.WriteLine("| run | start → all healthy | stop (dispose) |");
            Console.WriteLine("|---|---|---|");
            for (var run = 0; run <= warmRuns; run++)
            {
                var (start, stop) = await MeasureAsync(dataDirectory, ct);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(run == 0 ? "cold" : $"warm {run}")} | {start.TotalSeconds:F1} s | {stop.TotalSeconds:F1} s |"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    static async Task<(TimeSpan Start, TimeSpan Stop)> MeasureAsync(string dataDirectory, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PatchDb_AppHost>(
            [$"PatchDb:DataDirectory={dataDirectory}", "PatchDb:WebPort=0"], ct);
        builder.WithQuietLogging();
        var app = await builder.BuildAsync(ct);
        await app.StartAsync(ct);
        foreach (var name in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, ct);
        }
        var start = clock.Elapsed;
        clock.Restart();
        await app.DisposeAsync();
        return (start, clock.Elapsed);
    }
}
