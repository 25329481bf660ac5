using System.Net;
using System.Text.RegularExpressions;
using PatchDb.Tests.Api;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>The session cookie is encrypted with Data Protection keys kept in Redis: a restarted (or another) Web
/// process reads them, so a signed-in collector stays signed in.</summary>
public sealed partial class SessionRestartTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restarted_web_keeps_the_collector_signed_in_and_one_without_the_key_ring_does_not()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var api = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(api, Ct);
        var patch = (await user.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var apiUrl = api.Host.BaseAddress.ToString().TrimEnd('/');
        var port = FreePort.Next();
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };
        var image = $"img/{user.Id}/images/{patch}";

        await using (await WebProcess.StartAsync(port, apiUrl, redis.ConnectionString))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(image, Ct)).StatusCode);
            await SignInAsync(browser, user.Username, "correct horse");
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(image, Ct)).StatusCode);
        }

        await using (await WebProcess.StartAsync(port, apiUrl, redis.ConnectionString))
        {
            using var again = await browser.GetAsync(image, Ct);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("image/jpeg", again.Content.Headers.ContentType?.MediaType);
        }

        // Without Redis a new process has a key ring of its own, and the same cookie means nothing to it.
        await using (await WebProcess.StartAsync(port, apiUrl, redis: null))
        {
            using var stranger = await browser.GetAsync(image, Ct);
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
            Assert.StartsWith("/signin", stranger.Headers.Location?.PathAndQuery);
        }
    }

    /// <summary>Posts the static sign-in form as a browser would: its hidden fields (handler, antiforgery token)
    /// plus the two inputs.</summary>
    private static async Task SignInAsync(HttpClient browser, string username, string password)
    {
        var html = await browser.GetStringAsync("signin", Ct);
        var form = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null)
            {
                form[name] = Attribute(input.Value, "id") switch
                {
                    "username" => username,
                    "password" => password,
                    _ => WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? ""),
                };
            }
        }
        using var response = await browser.PostAsync("signin", new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"""\s{name}="([^"]*)" """.TrimEnd()) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
