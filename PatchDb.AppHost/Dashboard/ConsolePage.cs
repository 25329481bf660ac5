using PatchDb.AppHost.Hosting;
using static PatchDb.AppHost.Dashboard.Html;

namespace PatchDb.AppHost.Dashboard;

public static class ConsolePage
{
    public static void MapConsolePage(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/console", (DistributedApplication app) =>
            TypedResults.Redirect($"/console/{app.Resources.FirstOrDefault()?.Name}"));
        dashboard.MapGet("/console/{name}", (string name, DistributedApplication app) =>
        {
            var links = string.Join(" · ", app.Resources.Select(r => r.Name == name ? $"<b>{E(r.Name)}</b>" : $"<a href=\"/console/{E(r.Name)}\">{E(r.Name)}</a>"));
            if (app.Resources.FirstOrDefault(r => r.Name == name) is not { } resource)
            {
                return Page("Console", $"<p>No resource named {E(name)}.</p><p>{links}</p>", status: StatusCodes.Status404NotFound);
            }
            // The latest lines are rendered here; the script then appends whatever comes after them.
            var lines = resource.Log.Since(0, max: 1000);
            var text = string.Concat(lines.Select(l => $"<span{(l.IsError ? " class=\"e\"" : "")}>{l.Time:HH:mm:ss.fff}  {E(l.Text)}\n</span>"));
            return Page($"Console: {name}", $"<p>{links}</p><pre class=\"console\" data-console=\"/api/console/{E(name)}\" data-after=\"{lines.LastOrDefault()?.Seq ?? 0}\">{text}</pre>");
        });
        dashboard.MapGet("/api/console/{name}", IResult (string name, long? after, DistributedApplication app) =>
            app.Resources.FirstOrDefault(r => r.Name == name) is { } resource
                ? TypedResults.Ok(resource.Log.Since(after ?? 0))
                : TypedResults.NotFound());
    }
}
