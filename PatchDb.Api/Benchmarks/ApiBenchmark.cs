using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PatchDb.Api.Embedding;

namespace PatchDb.Api.Benchmarks;

/// <summary>
/// <c>dotnet run --project PatchDb.Api -c Release -- bench [--photos DIR] [--per-client N] [--clients 1,8,32]
/// [--collection 10000]</c>, with the usual configuration (Postgres, Embedder) pointing at a scratch database.
/// Starts this Api on a loopback port and measures, over HTTP: upload → response latency and uploads/s at each client
/// count (distinct photos, so neither the Api nor the Embedder can reuse an analysis), then the match latency for a
/// user holding a collection of synthetic embeddings. Prints a Markdown table.
/// </summary>
public static class ApiBenchmark
{
    public static async Task RunAsync(WebApplication app, string[] args)
    {
        var photosDir = Option(args, "--photos") ?? Path.Combine(app.Environment.ContentRootPath, "..", "..", "shared", "bench", "patches");
        var perClient = int.Parse(Option(args, "--per-client") ?? "6", System.Globalization.CultureInfo.InvariantCulture);
        var clientCounts = (Option(args, "--clients") ?? "1,8,32").Split(',').Select(int.Parse).ToArray();
        var collection = int.Parse(Option(args, "--collection") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        var cancellationToken = app.Lifetime.ApplicationStopping;

        var photos = new Queue<string>(Directory.EnumerateFiles(photosDir, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Console.WriteLine($"Api under test: {address}; {photos.Count} photos in {Path.GetFullPath(photosDir)}");

        Console.WriteLine();
        Console.WriteLine("| uploads (distinct photos) | n | p50 ms | p95 ms | p99 ms | uploads/s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var warmup = await BenchmarkClient.CreateAsync(address, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await warmup.UploadAsync(photos.Dequeue(), cancellationToken);
        }
        foreach (var clients in clientCounts)
        {
            var (latencies, perSecond, pending) = await UploadLoadAsync(address, photos, clients, perClient, cancellationToken);
            Console.WriteLine(BenchmarkStats.Row($"{clients} client(s){(pending > 0 ? $", {pending} pending" : "")}", latencies, perSecond));
        }

        var model = await app.Services.GetRequiredService<EmbedderClient>().GetModelAsync(cancellationToken);
        if (model.Value is null)
        {
            throw new InvalidOperationException($"The Embedder is unavailable: {model.Detail}");
        }
        await MatchBenchmark.RunAsync(app.Services, address, model.Value, collection, photos, cancellationToken);
        await app.StopAsync(CancellationToken.None);
    }

    private static async Task<(List<double> Latencies, double PerSecond, int Pending)> UploadLoadAsync(
        Uri address, Queue<string> photos, int clients, int perClient, CancellationToken cancellationToken)
    {
        var users = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => BenchmarkClient.CreateAsync(address, cancellationToken)));
        var work = users.Select(_ => Enumerable.Range(0, perClient).Select(_ => photos.Dequeue()).ToList()).ToList();
        var latencies = new List<double>();
        var pending = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(users.Select(async (user, i) =>
        {
            foreach (var photo in work[i])
            {
                var (ms, status) = await user.UploadAsync(photo, cancellationToken);
                lock (latencies)
                {
                    latencies.Add(ms);
                    pending += status == "pending" ? 1 : 0;
                }
            }
        }));
        watch.Stop();
        return (latencies, latencies.Count / watch.Elapsed.TotalSeconds, pending);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
