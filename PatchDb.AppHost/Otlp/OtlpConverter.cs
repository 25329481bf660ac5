using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using PatchDb.AppHost.Otlp.Proto;

namespace PatchDb.AppHost.Otlp;

/// <summary>Turns OTLP protobuf messages into the flat records the dashboard shows.</summary>
public static class OtlpConverter
{
    public static IEnumerable<SpanData> Spans(ExportTraceServiceRequest request) =>
        from rs in request.ResourceSpans
        let service = ServiceName(rs.Resource)
        from ss in rs.ScopeSpans
        from s in ss.Spans
        select new SpanData(Hex(s.TraceId), Hex(s.SpanId), s.ParentSpanId.IsEmpty ? null : Hex(s.ParentSpanId), s.Name, service,
            s.Kind.ToString().Replace("SpanKind", "", StringComparison.Ordinal), Time(s.StartTimeUnixNano),
            TimeSpan.FromTicks((long)(s.EndTimeUnixNano - Math.Min(s.StartTimeUnixNano, s.EndTimeUnixNano)) / 100),
            s.Status?.Code == StatusCode.Error, s.Status?.Message, ss.Scope?.Name ?? "", Attributes(s.Attributes));

    public static IEnumerable<LogEntry> Logs(ExportLogsServiceRequest request) =>
        from rl in request.ResourceLogs
        let service = ServiceName(rl.Resource)
        from sl in rl.ScopeLogs
        from l in sl.LogRecords
        let attributes = Attributes(l.Attributes)
        select new LogEntry(Time(l.TimeUnixNano != 0 ? l.TimeUnixNano : l.ObservedTimeUnixNano), service, l.SeverityNumber,
            SeverityName(l.SeverityNumber, l.SeverityText), Render(l.Body is null ? "" : Format(l.Body), attributes),
            sl.Scope?.Name ?? "", l.TraceId.IsEmpty ? null : Hex(l.TraceId), l.SpanId.IsEmpty ? null : Hex(l.SpanId), attributes);

    public static IEnumerable<MetricPoint> Metrics(ExportMetricsServiceRequest request)
    {
        foreach (var rm in request.ResourceMetrics)
        {
            var service = ServiceName(rm.Resource);
            foreach (var sm in rm.ScopeMetrics)
            {
                var scope = sm.Scope?.Name ?? "";
                foreach (var m in sm.Metrics)
                {
                    foreach (var p in Points(m))
                    {
                        yield return p with { Service = service, Scope = scope, Name = m.Name, Unit = m.Unit };
                    }
                }
            }
        }
    }

    static IEnumerable<MetricPoint> Points(Metric m) => m.DataCase switch
    {
        Metric.DataOneofCase.Gauge => m.Gauge.DataPoints.Select(p => Number(p, MetricKind.Gauge, isDelta: false)),
        Metric.DataOneofCase.Sum => m.Sum.DataPoints.Select(p => Number(p, MetricKind.Sum, m.Sum.AggregationTemporality == AggregationTemporality.Delta)),
        Metric.DataOneofCase.Histogram => m.Histogram.DataPoints.Select(p =>
        {
            var attributes = Attributes(p.Attributes);
            return new MetricPoint("", "", "", "", MetricKind.Histogram, m.Histogram.AggregationTemporality == AggregationTemporality.Delta,
                Time(p.StartTimeUnixNano), Time(p.TimeUnixNano), SeriesKey(attributes), attributes, p.Sum, p.Count, [.. p.BucketCounts], [.. p.ExplicitBounds]);
        }),
        _ => [],
    };

    static MetricPoint Number(NumberDataPoint p, MetricKind kind, bool isDelta)
    {
        var attributes = Attributes(p.Attributes);
        var value = p.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? p.AsInt : p.AsDouble;
        return new MetricPoint("", "", "", "", kind, isDelta, Time(p.StartTimeUnixNano), Time(p.TimeUnixNano), SeriesKey(attributes), attributes, value, 0, [], []);
    }

    static string SeriesKey(IReadOnlyDictionary<string, string> attributes) =>
        string.Join(",", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));

    static string ServiceName(Proto.Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name")?.Value is { } v ? Format(v) : "unknown";

    static Dictionary<string, string> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value is { } v ? Format(v) : "");

    public static string Format(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Format)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {(kv.Value is null ? "" : Format(kv.Value))}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    /// <summary>The .NET exporter sends the message template as body and the arguments as attributes.</summary>
    static string Render(string template, IReadOnlyDictionary<string, string> attributes)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }
        foreach (var (key, value) in attributes)
        {
            template = template.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }
        return template;
    }

    static string SeverityName(int number, string text) => text is { Length: > 0 } ? text : number switch
    {
        >= 21 => "Critical",
        >= 17 => "Error",
        >= 13 => "Warning",
        >= 9 => "Information",
        >= 5 => "Debug",
        >= 1 => "Trace",
        _ => "Unspecified",
    };

    static DateTimeOffset Time(ulong unixNano) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNano / 100));

    static string Hex(ByteString bytes) => Convert.ToHexString(bytes.Span).ToLowerInvariant();
}
