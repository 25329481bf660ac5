namespace PatchDb.AppHost.Otlp;

/// <summary>One data point of one series; for histograms <see cref="Value"/> is the sum of the measurements.</summary>
public sealed record MetricPoint(
    string Service, string Scope, string Name, string Unit, MetricKind Kind, bool IsDelta,
    DateTimeOffset Start, DateTimeOffset Time, string SeriesKey, IReadOnlyDictionary<string, string> Attributes,
    double Value, ulong Count, IReadOnlyList<ulong> Buckets, IReadOnlyList<double> Bounds);
