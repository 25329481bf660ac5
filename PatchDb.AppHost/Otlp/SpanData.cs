namespace PatchDb.AppHost.Otlp;

public sealed record SpanData(
    string TraceId, string SpanId, string? ParentSpanId, string Name, string Service, string Kind,
    DateTimeOffset Start, TimeSpan Duration, bool IsError, string? StatusMessage, string Scope,
    IReadOnlyDictionary<string, string> Attributes)
{
    public DateTimeOffset End => Start + Duration;
}
