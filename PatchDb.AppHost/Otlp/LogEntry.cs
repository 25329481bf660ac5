namespace PatchDb.AppHost.Otlp;

public sealed record LogEntry(
    DateTimeOffset Time, string Service, int SeverityNumber, string Severity, string Message, string Category,
    string? TraceId, string? SpanId, IReadOnlyDictionary<string, string> Attributes);
