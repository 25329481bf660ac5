using System.Text;
using PatchDb.AppHost.Hosting;
using static PatchDb.AppHost.Dashboard.Html;

namespace PatchDb.AppHost.Dashboard;

public static class ResourcesPage
{
    public sealed record ResourceInfo(string Name, string Kind, string State, string Health, int? Pid, int Restarts, double? UptimeSeconds, IReadOnlyList<string> Endpoints);

    public static void MapResourcesPage(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/", (DistributedApplication app) =>
            Page("Resources", $"<div data-refresh=\"/fragments/resources\">{Table(app)}</div>"));
        dashboard.MapGet("/fragments/resources", (DistributedApplication app) => Fragment(Table(app)));
        dashboard.MapGet("/api/resources", (DistributedApplication app) => TypedResults.Ok(app.Resources.Select(r =>
            new ResourceInfo(r.Name, r.Kind, r.State.ToString(), r.Health.ToString(), r.Pid, r.Restarts, Uptime(r)?.TotalSeconds, r.Endpoints))));
    }

    static TimeSpan? Uptime(Resource r) => r.Pid is not null && r.StartedAt is { } s ? DateTimeOffset.UtcNow - s : null;

    static string Table(DistributedApplication app)
    {
        var html = new StringBuilder("<table><tr><th>Name</th><th>Type</th><th>State</th><th>Health</th><th>Endpoints</th><th>PID</th><th>Restarts</th><th>Uptime</th><th>Console</th></tr>");
        foreach (var r in app.Resources)
        {
            var state = r.State switch { ResourceState.Running => "ok", ResourceState.Failed or ResourceState.Restarting => "bad", _ => "warn" };
            var health = r.Health switch { ResourceHealth.Healthy => "ok", ResourceHealth.Unhealthy => "bad", _ => "muted" };
            var endpoints = string.Join("<br>", r.Endpoints.Select(e => e.StartsWith("http", StringComparison.Ordinal) ? $"<a href=\"{E(e)}\" target=\"_blank\">{E(e)}</a>" : E(e)));
            html.Append($"<tr><td><b>{E(r.Name)}</b></td><td>{E(r.Kind)}</td><td class=\"{state}\">{r.State}{(r.Error is null ? "" : $"<div class=\"err\">{E(r.Error)}</div>")}</td>")
                .Append($"<td class=\"{health}\">{r.Health}</td><td>{endpoints}</td><td>{E(r.Pid)}</td><td>{r.Restarts}</td>")
                .Append($"<td>{(Uptime(r) is { } u ? Duration(u) : "–")}</td><td><a href=\"/console/{E(r.Name)}\">logs</a></td></tr>");
        }
        return html.Append("</table>").ToString();
    }
}
