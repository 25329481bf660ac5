using PatchDb.AppHost.Otlp.Proto;

namespace PatchDb.AppHost.Otlp;

/// <summary>In-memory, bounded store of everything received over OTLP (newest kept).</summary>
public sealed class TelemetryStore
{
    readonly Bounded<SpanData> _spans = new(50_000);
    readonly Bounded<LogEntry> _logs = new(20_000);
    readonly Bounded<MetricPoint> _metrics = new(100_000);

    public void Add(ExportTraceServiceRequest request) => _spans.AddRange(OtlpConverter.Spans(request));
    public void Add(ExportLogsServiceRequest request) => _logs.AddRange(OtlpConverter.Logs(request));
    public void Add(ExportMetricsServiceRequest request) => _metrics.AddRange(OtlpConverter.Metrics(request));

    public IReadOnlyList<SpanData> Spans => _spans.Snapshot();
    public IReadOnlyList<LogEntry> Logs => _logs.Snapshot();
    public IReadOnlyList<MetricPoint> MetricPoints => _metrics.Snapshot();

    public IReadOnlyList<SpanData> Trace(string traceId) => [.. Spans.Where(s => s.TraceId == traceId).OrderBy(s => s.Start)];

    sealed class Bounded<T>(int capacity)
    {
        readonly Queue<T> _items = new();

        public void AddRange(IEnumerable<T> items)
        {
            var list = items.ToList();
            lock (_items)
            {
                foreach (var item in list)
                {
                    _items.Enqueue(item);
                }
                while (_items.Count > capacity)
                {
                    _items.Dequeue();
                }
            }
        }

        public IReadOnlyList<T> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }
}
