using System.Text.Json;

namespace PatchDb.Tests.AppHost;

/// <summary>One span of a trace as the Aspire dashboard's telemetry API returns it (OTLP JSON).</summary>
public sealed record TraceSpan(string Service, string Scope, int Kind, string Name, string SpanId, string? ParentSpanId, IReadOnlyList<string> AttributeKeys)
{
    public const int Server = 2;
    public const int Client = 3;

    /// <summary>GET /api/telemetry/traces/{traceId}; empty while the dashboard has none of it yet.</summary>
    public static async Task<IReadOnlyList<TraceSpan>> GetAsync(HttpClient dashboard, string traceId, CancellationToken ct)
    {
        using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}", ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return [.. from resource in json.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
                   let service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                       .Single(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()!
                   from scope in resource.GetProperty("scopeSpans").EnumerateArray()
                   from span in scope.GetProperty("spans").EnumerateArray()
                   select new TraceSpan(service, scope.GetProperty("scope").GetProperty("name").GetString()!, span.GetProperty("kind").GetInt32(),
                       span.GetProperty("name").GetString()!, span.GetProperty("spanId").GetString()!,
                       span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null,
                       span.TryGetProperty("attributes", out var attributes)
                           ? [.. attributes.EnumerateArray().Select(a => a.GetProperty("key").GetString()!)]
                           : [])];
    }
}
