using System.Globalization;
using System.Text;
using PatchDb.AppHost.Otlp;
using static PatchDb.AppHost.Dashboard.Html;

namespace PatchDb.AppHost.Dashboard;

public static class TracesPage
{
    public sealed record TraceSummary(string TraceId, string Name, string[] Services, int SpanCount, DateTimeOffset Start, TimeSpan Duration, bool HasError, bool HasServerSpan);

    public static void MapTracesPage(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/traces", (string? service, bool? all, TelemetryStore store) =>
            Page("Traces", $"<p>{(all == true ? "All traces · <a href=\"/traces\">requests only</a>" : "Requests (traces with a server span) · <a href=\"/traces?all=true\">show background work too</a>")}</p>"
                + $"<div data-refresh=\"/fragments/traces?service={E(service)}&amp;all={all == true}\">{List(store, service, all == true)}</div>"));
        dashboard.MapGet("/fragments/traces", (string? service, bool? all, TelemetryStore store) => Fragment(List(store, service, all == true)));
        dashboard.MapGet("/api/traces", (TelemetryStore store) => TypedResults.Ok(Summaries(store.Spans)));
        dashboard.MapGet("/api/traces/{traceId}", (string traceId, TelemetryStore store) => TypedResults.Ok(store.Trace(traceId)));
        dashboard.MapGet("/traces/{traceId}", (string traceId, TelemetryStore store) =>
            store.Trace(traceId) is { Count: > 0 } spans
                ? Page($"Trace {traceId[..Math.Min(8, traceId.Length)]}", Waterfall(spans))
                : Page("Trace", "<p>Trace not found (yet): spans arrive about a second after a request.</p>", status: StatusCodes.Status404NotFound));
    }

    public static IReadOnlyList<TraceSummary> Summaries(IEnumerable<SpanData> spans) =>
        [.. spans.GroupBy(s => s.TraceId).Select(g =>
        {
            var ids = g.Select(s => s.SpanId).ToHashSet();
            var root = g.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? g.First();
            var start = g.Min(s => s.Start);
            return new TraceSummary(g.Key, $"{root.Service}: {root.Name}", [.. g.Select(s => s.Service).Distinct().Order()],
                g.Count(), start, g.Max(s => s.End) - start, g.Any(s => s.IsError), g.Any(s => s.Kind == "Server"));
        }).OrderByDescending(t => t.Start)];

    static string List(TelemetryStore store, string? service, bool all)
    {
        var traces = Summaries(store.Spans).Where(t => (string.IsNullOrEmpty(service) || t.Services.Contains(service)) && (all || t.HasServerSpan)).Take(200);
        var html = new StringBuilder("<table><tr><th>Time</th><th>Name</th><th>Services</th><th>Spans</th><th>Duration</th></tr>");
        foreach (var t in traces)
        {
            html.Append($"<tr><td>{t.Start.ToLocalTime():HH:mm:ss.fff}</td><td><a href=\"/traces/{E(t.TraceId)}\" class=\"{(t.HasError ? "bad" : "")}\">{E(t.Name)}</a></td>")
                .Append($"<td>{E(string.Join(", ", t.Services))}</td><td>{t.SpanCount}</td><td>{Duration(t.Duration)}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    static string Waterfall(IReadOnlyList<SpanData> spans)
    {
        var start = spans.Min(s => s.Start);
        var total = Math.Max((spans.Max(s => s.End) - start).TotalMilliseconds, 0.001);
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        var children = spans.ToLookup(s => s.ParentSpanId is { } p && ids.Contains(p) ? p : null);
        var html = new StringBuilder($"<p>{spans.Count} spans across {E(string.Join(", ", spans.Select(s => s.Service).Distinct()))}, {Duration(TimeSpan.FromMilliseconds(total))}</p>")
            .Append("<table><tr><th>Span</th><th>Service</th><th>Kind</th><th>Duration</th><th>Timeline</th></tr>");
        void Row(SpanData s, int depth)
        {
            var left = (s.Start - start).TotalMilliseconds / total * 100;
            var width = Math.Max(s.Duration.TotalMilliseconds / total * 100, 0.3);
            var attrs = string.Join("<br>", s.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{E(a.Key)} = {E(a.Value)}"));
            html.Append($"<tr><td style=\"padding-left:{8 + depth * 16}px\"><details><summary class=\"{(s.IsError ? "bad" : "")}\">{E(s.Name)}</summary>")
                .Append($"<div class=\"attrs\">{attrs}{(s.StatusMessage is { Length: > 0 } m ? $"<br>status: {E(m)}" : "")}</div></details></td>")
                .Append($"<td>{E(s.Service)}</td><td>{E(s.Kind)}</td><td>{Duration(s.Duration)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"wf\"><div class=\"bar\"><span class=\"{(s.IsError ? "e" : "")}\" style=\"left:{left:0.##}%;width:{width:0.##}%\"></span></div></td></tr>");
            foreach (var child in children[s.SpanId].OrderBy(c => c.Start))
            {
                Row(child, depth + 1);
            }
        }
        foreach (var root in children[null].OrderBy(s => s.Start))
        {
            Row(root, 0);
        }
        return html.Append("</table>").ToString();
    }
}
