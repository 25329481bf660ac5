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
}
