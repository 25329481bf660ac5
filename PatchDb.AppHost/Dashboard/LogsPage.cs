using System.Text;
using PatchDb.AppHost.Otlp;
using static PatchDb.AppHost.Dashboard.Html;

namespace PatchDb.AppHost.Dashboard;

public static class LogsPage
{
    public static void MapLogsPage(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/logs", (string? service, int? level, string? q, TelemetryStore store) =>
        {
            var services = store.Logs.Select(l => l.Service).Distinct().Order();
            var form = new StringBuilder("<form class=\"inline\">Service <select name=\"service\"><option value=\"\">all</option>");
            foreach (var s in services)
            {
                form.Append($"<option{(s == service ? " selected" : "")}>{E(s)}</option>");
            }
            form.Append("</select> Minimum level <select name=\"level\">");
            foreach (var (n, label) in new[] { (0, "all"), (9, "Information"), (13, "Warning"), (17, "Error") })
            {
                form.Append($"<option value=\"{n}\"{(n == level ? " selected" : "")}>{label}</option>");
            }
            form.Append($"</select> Text <input name=\"q\" value=\"{E(q)}\"> <button>Filter</button></form>");
            var query = $"service={E(service)}&amp;level={level}&amp;q={E(q)}";
            return Page("Structured logs", $"{form}<div data-refresh=\"/fragments/logs?{query}\">{Table(store, service, level, q)}</div>");
        });
        dashboard.MapGet("/fragments/logs", (string? service, int? level, string? q, TelemetryStore store) => Fragment(Table(store, service, level, q)));
    }

    static string Table(TelemetryStore store, string? service, int? level, string? q)
    {
        var logs = store.Logs.Where(l => (string.IsNullOrEmpty(service) || l.Service == service) && l.SeverityNumber >= (level ?? 0)
            && (string.IsNullOrEmpty(q) || l.Message.Contains(q, StringComparison.OrdinalIgnoreCase) || l.Category.Contains(q, StringComparison.OrdinalIgnoreCase)))
            .Reverse().Take(500);
        var html = new StringBuilder("<table><tr><th>Time</th><th>Service</th><th>Level</th><th>Category</th><th>Message</th><th>Trace</th></tr>");
        foreach (var l in logs)
        {
            var css = l.SeverityNumber >= 17 ? "bad" : l.SeverityNumber >= 13 ? "warn" : "";
            var trace = l.TraceId is { } t ? $"<a href=\"/traces/{E(t)}\">{E(t[..8])}</a>" : "";
            html.Append($"<tr><td>{l.Time.ToLocalTime():HH:mm:ss.fff}</td><td>{E(l.Service)}</td><td class=\"{css}\">{E(l.Severity)}</td>")
                .Append($"<td class=\"muted\">{E(l.Category)}</td><td>{E(l.Message)}</td><td>{trace}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }
}
