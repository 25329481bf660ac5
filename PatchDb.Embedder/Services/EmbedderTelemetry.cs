using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PatchDb.Embedder.Services;

/// <summary>The "PatchDb.Embedder" meter and activity source.</summary>
public sealed class EmbedderTelemetry
{
    public const string Name = "PatchDb.Embedder";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Histogram<double> _decodeSeconds;
    private readonly Histogram<double> _inferenceSeconds;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _featureSeconds;

    public EmbedderTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _decodeSeconds = meter.CreateHistogram<double>("patchdb.embedder.decode.duration", "s",
            "Time to decode a photo and make its derivatives.");
        _inferenceSeconds = meter.CreateHistogram<double>("patchdb.embedder.inference.duration", "s",
            "Time of one model call (a whole batch).");
        _batchSize = meter.CreateHistogram<int>("patchdb.embedder.batch.size", "{image}", "Images per model call.");
        _cacheHits = meter.CreateCounter<long>("patchdb.embedder.cache.hits", "{analysis}", "Analyses answered from Redis.");
        _cacheMisses = meter.CreateCounter<long>("patchdb.embedder.cache.misses", "{analysis}", "Analyses computed.");
        _rejections = meter.CreateCounter<long>("patchdb.embedder.rejections", "{image}", "Photos refused, by HTTP status.");
        _featureSeconds = meter.CreateHistogram<double>("patchdb.embedder.features.duration", "s",
            "Time to extract the local features (SIFT) of one photo.");
    }

    public void Decoded(TimeSpan elapsed, string format) =>
        _decodeSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("format", format));

    public void Inferred(TimeSpan elapsed, int batchSize, string modelId)
    {
        var model = new KeyValuePair<string, object?>("model", modelId);
        _inferenceSeconds.Record(elapsed.TotalSeconds, model);
        _batchSize.Record(batchSize, model);
    }

    public void FeaturesExtracted(TimeSpan elapsed) => _featureSeconds.Record(elapsed.TotalSeconds);

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void Rejected(int statusCode) => _rejections.Add(1, new KeyValuePair<string, object?>("status", statusCode));
}
