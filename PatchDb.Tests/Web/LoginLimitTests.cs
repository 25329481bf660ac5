using System.Net;
using System.Net.Http.Json;
using PatchDb.Tests.Api;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>Every collector signs in through the one Web, so the Api's login limit must count them by the browser's
/// address the Web forwards, not by the Web's own.</summary>
public sealed class LoginLimitTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_collector_using_up_the_login_limit_does_not_lock_out_another()
    {
        await using var api = await ApiTestHost.StartAsync(infra, null, new Dictionary<string, string?> { ["RateLimiting:LoginPermitLimit"] = "2" });
        var port = FreePort.Next();
        // As behind Container Apps' ingress: the Web believes the proxy's X-Forwarded-For.
        await using var web = await WebProcess.StartAsync(port, api.Host.BaseAddress.ToString().TrimEnd('/'), redis: null,
            "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true");

        var guesser = Browser(port, "203.0.113.9");
        var pages = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            pages.Add(await FailedSignInAsync(guesser, "wrong password one"));
        }
        Assert.Contains("Wrong username or password", pages[0]);
        Assert.Contains("Wrong username or password", pages[1]);
        Assert.Contains("Too many sign-in attempts", pages[2]);

        var collector = Browser(port, "198.51.100.24");
        Assert.Contains("Wrong username or password", await FailedSignInAsync(collector, "wrong password two"));
    }

    [Fact]
    public async Task The_api_believes_a_forwarded_address_only_from_loopback_and_counts_each_apart()
    {
        await using var api = await ApiTestHost.StartAsync(infra, null, new Dictionary<string, string?> { ["RateLimiting:LoginPermitLimit"] = "1" });
        using var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, (ClientAddress, "192.0.2.1")));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(client, (ClientAddress, "192.0.2.1")));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, (ClientAddress, "192.0.2.2")));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, header: null)); // the test's own 127.0.0.1
        // A proxy may append to X-Forwarded-For, so that header is not the Web's and does not split the count.
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(client, ("X-Forwarded-For", "192.0.2.3")));
    }

    private const string ClientAddress = "X-PatchDb-Client-Address";

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, (string Name, string Value)? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = JsonContent.Create(new { username = "nobody-here", password = "not the password" }),
        };
        if (header is { } h)
        {
            request.Headers.Add(h.Name, h.Value);
        }
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private static HttpClient Browser(int port, string address)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    private static async Task<string> FailedSignInAsync(HttpClient browser, string password)
    {
        using var response = await SignInForm.PostAsync(browser, "nobody-here", password, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
