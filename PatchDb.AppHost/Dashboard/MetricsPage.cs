using System.Text;
using PatchDb.AppHost.Otlp;
using static PatchDb.AppHost.Dashboard.Html;

namespace PatchDb.AppHost.Dashboard;

/// <summary>Key metrics: HTTP request rate and latency per service, and the Embedder's own meter.</summary>
public static class MetricsPage
{
    public const string HttpDuration = "http.server.request.duration";
    public const string EmbedderMeter = "PatchDb.Embedder";
    static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void MapMetricsPage(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/metrics", (TelemetryStore store) =>
            Page("Metrics", $"<div data-refresh=\"/fragments/metrics\">{Render(store)}</div>"));
        dashboard.MapGet("/fragments/metrics", (TelemetryStore store) => Fragment(Render(store)));
    }

    static string Render(TelemetryStore store)
    {
        var points = store.MetricPoints;
        var now = DateTimeOffset.UtcNow;
        var html = new StringBuilder("<h2>HTTP server (last minute, health probes excluded)</h2><table><tr><th>Service</th><th>Requests/s</th><th>Mean latency</th><th>p95 latency</th><th>Requests (total)</th></tr>");
        foreach (var service in points.Where(p => p.Name == HttpDuration && !IsProbe(p)).GroupBy(p => p.Service).OrderBy(g => g.Key))
        {
            var w = MetricWindow.Of(service, Window, now);
            html.Append($"<tr><td>{E(service.Key)}</td><td>{Num(w.Rate)}</td><td>{Num(w.Mean * 1000, "0.0")} ms</td><td>≤ {Num(w.Quantile(0.95) * 1000, "0.#")} ms</td><td>{w.Total}</td></tr>");
        }
        html.Append("</table><h2>Embedder (last minute)</h2>");

        var embedder = points.Where(p => p.Scope == EmbedderMeter).ToList();
        var hits = MetricWindow.Of(embedder.Where(p => p.Name.EndsWith("cache.hits", StringComparison.Ordinal)), Window, now);
        var misses = MetricWindow.Of(embedder.Where(p => p.Name.EndsWith("cache.misses", StringComparison.Ordinal)), Window, now);
        html.Append($"<p>Cache hit ratio: <b>{Ratio(hits.Count, misses.Count)}</b> last minute, <b>{Ratio(hits.Total, misses.Total)}</b> since start.</p>")
            .Append("<table><tr><th>Instrument</th><th>Unit</th><th>Last minute</th><th>Mean</th><th>p95</th><th>Total</th></tr>");
        foreach (var instrument in embedder.GroupBy(p => p.Name).OrderBy(g => g.Key))
        {
            var w = MetricWindow.Of(instrument, Window, now);
            var histogram = instrument.First().Kind == MetricKind.Histogram;
            html.Append($"<tr><td>{E(instrument.Key)}</td><td>{E(instrument.First().Unit)}</td><td>{Num(w.Count)}</td>")
                .Append($"<td>{(histogram ? Num(w.Mean, "0.###") : "")}</td><td>{(histogram ? "≤ " + Num(w.Quantile(0.95), "0.###") : "")}</td><td>{Num(w.Total)}</td></tr>");
        }
        html.Append("</table><h2>All instruments</h2><table><tr><th>Service</th><th>Meter</th><th>Instruments</th></tr>");
        foreach (var scope in points.GroupBy(p => (p.Service, p.Scope)).OrderBy(g => g.Key))
        {
            html.Append($"<tr><td>{E(scope.Key.Service)}</td><td>{E(scope.Key.Scope)}</td><td class=\"attrs\">{E(string.Join(", ", scope.Select(p => p.Name).Distinct().Order()))}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The AppHost's own health probes would otherwise dominate the request rate of an idle system.</summary>
    static bool IsProbe(MetricPoint p) => p.Attributes.GetValueOrDefault("http.route") is "/health" or "/alive";

    static string Ratio(double hits, double misses) => hits + misses > 0 ? $"{hits / (hits + misses):P0}" : "–";
}
