using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PatchDb.Embedder.Extensions;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>The Embedder's services in a host of their own (no HTTP, no Redis), driven through <see cref="PhotoAnalyzer"/>.</summary>
internal sealed class BenchmarkPipeline : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<int> _batches = new();
    private readonly ConcurrentQueue<double> _decodeSeconds = new();

    private BenchmarkPipeline(IHost host, string modelId)
    {
        _host = host;
        ModelId = modelId;
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is "patchdb.embedder.batch.size" or "patchdb.embedder.decode.duration"
                && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) => _batches.Enqueue(size));
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _decodeSeconds.Enqueue(seconds));
        _listener.Start();
    }

    public string ModelId { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchmarkPipeline> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddApplicationServices();
        var host = builder.Build();
        await host.StartAsync();
        var model = await host.Services.GetRequiredService<ActiveModel>().GetAsync();
        return new BenchmarkPipeline(host, model.ModelId);
    }

    public async Task<BenchmarkRow> MeasureAsync(IReadOnlyList<byte[]> photos, int concurrency, int requests)
    {
        var analyzer = _host.Services.GetRequiredService<PhotoAnalyzer>();
        await RunAsync(analyzer, photos, concurrency, Math.Max(concurrency, 4), new ConcurrentBag<TimeSpan>());
        _batches.Clear();
        _decodeSeconds.Clear();
        var latencies = new ConcurrentBag<TimeSpan>();
        var started = Stopwatch.GetTimestamp();
        await RunAsync(analyzer, photos, concurrency, requests, latencies);
        var wall = Stopwatch.GetElapsedTime(started);
        var sorted = latencies.Order().ToArray();
        var decodes = _decodeSeconds.Order().Select(TimeSpan.FromSeconds).ToArray();
        return new BenchmarkRow(requests / wall.TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.95),
            Percentile(decodes, 0.50), _batches.IsEmpty ? 0 : _batches.Average());
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task RunAsync(
        PhotoAnalyzer analyzer, IReadOnlyList<byte[]> photos, int concurrency, int requests, ConcurrentBag<TimeSpan> latencies)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var started = Stopwatch.GetTimestamp();
                await analyzer.AnalyzeAsync(photos[i % photos.Count], CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }
        }));
        await Task.WhenAll(workers);
    }

    private static TimeSpan Percentile(TimeSpan[] sorted, double p) => sorted.Length == 0 ? TimeSpan.Zero :
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
