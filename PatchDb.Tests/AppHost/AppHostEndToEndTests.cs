using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;
using PatchDb.Tests.Web;

namespace PatchDb.Tests.AppHost;

/// <summary>The real AppHost (Aspire, DCP, the dashboard, local Postgres and Redis, the three services), started once.</summary>
[Collection(AppHostCollection.Name)]
public sealed class AppHostEndToEndTests(PatchDbApp patchDb) : IClassFixture<PatchDbApp>
{
    [Fact]
    public async Task Every_resource_is_running_and_healthy_and_the_web_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var name in PatchDbApp.ResourceNames)
        {
            Assert.True(patchDb.App.ResourceNotifications.TryGetCurrentState(name, out var resource), $"no state for {name}");
            Assert.Equal((KnownResourceStates.Running, HealthStatus.Healthy), (resource.Snapshot.State?.Text, resource.Snapshot.HealthStatus));
        }

        using var web = patchDb.App.CreateHttpClient("web");
        var page = await web.GetAsync("/", ct);
        Assert.True(page.IsSuccessStatusCode, $"the web answered {(int)page.StatusCode}");

        // What "no process left behind" is checked against when the fixture is disposed.
        string[] expected = ["dcp", "postgres", "redis-server", "PatchDb.Embedder", "PatchDb.Api", "PatchDb.Web", "Aspire.Dashboard"];
        Assert.All(expected, name => Assert.Contains(patchDb.Processes, p => p.Runs(name)));
    }

    [Fact]
    public async Task An_upload_through_the_api_is_one_trace_from_api_to_embedder_with_database_spans()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = new HttpClient { BaseAddress = patchDb.App.GetEndpoint("api", "http"), Timeout = TimeSpan.FromSeconds(90) };
        var session = await ApiCalls.SignUpAsync(api, "e2e-" + Guid.NewGuid().ToString("N")[..12], "correct horse battery", ct);
        static bool ApiUpload(TraceSpan s) => s is { Service: "api", Kind: TraceSpan.Server } && s.Name.Contains("upload", StringComparison.Ordinal);
        static bool ApiDatabase(TraceSpan s) => s.Service == "api" && s.AttributeKeys.Any(k => k.StartsWith("db.", StringComparison.Ordinal));
        static bool EmbedderServer(TraceSpan s) => s is { Service: "embedder", Kind: TraceSpan.Server };
        static bool Complete(IReadOnlyList<TraceSpan> spans) => spans.Any(ApiUpload) && spans.Any(ApiDatabase) && spans.Any(EmbedderServer);
        using var dashboard = patchDb.CreateDashboardClient();
        IReadOnlyList<TraceSpan> spans = [];
        // Export is best effort: a batch sent while the dashboard is still warming up on a busy machine can be
        // dropped (seen once in CI). Up to three uploads, each its own trace; one of them must arrive whole.
        for (var upload = 0; upload < 3 && !Complete(spans); upload++)
        {
            var traceId = ActivityTraceId.CreateRandom();
            await ApiCalls.UploadAsync(api, session, traceId, ct, photoIndex: upload);
            // Exporters batch their spans: they reach the dashboard a few seconds after the request.
            for (var attempt = 0; attempt < 60 && !Complete(spans = await TraceSpan.GetAsync(dashboard, traceId.ToHexString(), ct)); attempt++)
            {
                await Task.Delay(500, ct);
            }
        }

        Assert.Contains(spans, ApiUpload);
        Assert.Contains(spans, ApiDatabase);
        // More than one when the resilience handler retried an analysis (its POST is idempotent): each is the Api's call.
        Assert.All(spans.Where(EmbedderServer), embedder =>
            Assert.Contains(spans, s => s is { Service: "api", Kind: TraceSpan.Client } && s.SpanId == embedder.ParentSpanId));
    }

    [Fact]
    public async Task The_dashboard_lists_every_resource()
    {
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(patchDb.DashboardUrl);
        await page.GotoAsync($"/login?t={patchDb.BrowserToken}");
        Directory.CreateDirectory(Browser.ScreenshotDir);
        try
        {
            foreach (var name in PatchDbApp.ResourceNames)
            {
                await page.GetByRole(AriaRole.Gridcell).GetByText(name, new() { Exact = true }).First.WaitForAsync();
            }
            // Running and healthy: the state column shows "Running" only when the health checks pass too.
            await page.WaitForFunctionAsync($"document.body.innerText.split('Running').length > {PatchDbApp.ResourceNames.Length}");
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "aspire-dashboard.png"), FullPage = true });
        }
    }
}
