using System.Net;
using System.Net.Http.Json;
using PatchDb.AppHost.Dashboard;
using PatchDb.AppHost.Hosting;

namespace PatchDb.Tests.AppHost;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_requires_the_token_and_then_shows_resources_logs_and_pages()
    {
        await using var host = new TestAppHost();
        var cache = host.Builder.AddRedis("cache").Resource;
        var app = await host.StartAsync();
        await app.WaitForAllHealthyAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;
        var baseUri = new Uri($"http://localhost:{host.Options.DashboardPort}");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUri };

        var home = await anonymous.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/login", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/resources", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/login?t=wrong", ct)).StatusCode);
        // The OTLP port does not serve the dashboard.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"http://localhost:{host.Options.OtlpPort}/api/resources", ct)).StatusCode);

        var cookies = new CookieContainer();
        using var user = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseUri };
        var login = await user.GetAsync($"/login?t={app.DashboardToken}", ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("<td><b>cache</b></td>", await login.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var resources = await user.GetFromJsonAsync<ResourcesPage.ResourceInfo[]>("/api/resources", ct);
        var info = Assert.Single(resources!);
        Assert.Equal(("cache", "Running", "Healthy", cache.Pid), (info.Name, info.State, info.Health, info.Pid));
        Assert.Equal($"tcp://127.0.0.1:{cache.Port}", Assert.Single(info.Endpoints));

        var lines = await user.GetFromJsonAsync<LogLine[]>("/api/console/cache?after=0", ct);
        Assert.Contains(lines!, l => l.Text.Contains("Ready to accept connections", StringComparison.Ordinal));
        foreach (var page in new[] { "/console/cache", "/traces", "/logs", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(page, ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/console/nope", ct)).StatusCode);
    }

    [Fact]
    public async Task Login_form_accepts_the_token_and_sets_an_httponly_cookie()
    {
        await using var host = new TestAppHost();
        var app = await host.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://localhost:{host.Options.DashboardPort}"),
        };
        using var form = new FormUrlEncodedContent([new("token", app.DashboardToken)]);
        var response = await http.PostAsync("/login", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"{DashboardAuth.CookieName}=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traces_page_lists_requests_and_draws_a_waterfall_across_services()
    {
        await using var host = new TestAppHost();
        var app = await host.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var traceId = Convert.FromHexString("0af7651916cd43dd8448eb211c80319c");
        var t0 = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        app.Telemetry.Add(new PatchDb.AppHost.Otlp.Proto.ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                Spans("api", traceId, span: 1, parent: null, "POST /{user_id}/upload", PatchDb.AppHost.Otlp.Proto.SpanKind.Server, t0, 0, 100),
                Spans("embedder", traceId, span: 2, parent: 1, "POST /v1/analyze", PatchDb.AppHost.Otlp.Proto.SpanKind.Server, t0, 20, 60),
            },
        });
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://localhost:{host.Options.DashboardPort}"),
        };
        await http.GetAsync($"/login?t={app.DashboardToken}", ct);

        var list = await http.GetStringAsync("/traces", ct);
        Assert.Contains("api: POST /{user_id}/upload", list, StringComparison.Ordinal);
        Assert.Contains("api, embedder", list, StringComparison.Ordinal);
        var waterfall = await http.GetStringAsync("/traces/0af7651916cd43dd8448eb211c80319c", ct);
        Assert.Contains("2 spans across api, embedder, 100.0 ms", waterfall, StringComparison.Ordinal);
        Assert.Contains("left:20%;width:60%", waterfall, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/traces/ffffffffffffffffffffffffffffffff", ct)).StatusCode);
    }

    static PatchDb.AppHost.Otlp.Proto.ResourceSpans Spans(string service, byte[] traceId, int span, int? parent, string name,
        PatchDb.AppHost.Otlp.Proto.SpanKind kind, ulong t0, int startMs, int durationMs)
    {
        var start = t0 + (ulong)startMs * 1_000_000;
        var s = new PatchDb.AppHost.Otlp.Proto.Span
        {
            TraceId = Google.Protobuf.ByteString.CopyFrom(traceId),
            SpanId = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes((long)span)),
            Name = name,
            Kind = kind,
            StartTimeUnixNano = start,
            EndTimeUnixNano = start + (ulong)durationMs * 1_000_000,
        };
        if (parent is { } p)
        {
            s.ParentSpanId = Google.Protobuf.ByteString.CopyFrom(BitConverter.GetBytes((long)p));
        }
        var resource = new PatchDb.AppHost.Otlp.Proto.Resource();
        resource.Attributes.Add(new PatchDb.AppHost.Otlp.Proto.KeyValue { Key = "service.name", Value = new() { StringValue = service } });
        return new PatchDb.AppHost.Otlp.Proto.ResourceSpans { Resource = resource, ScopeSpans = { new PatchDb.AppHost.Otlp.Proto.ScopeSpans { Spans = { s } } } };
    }
}
