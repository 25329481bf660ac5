using System.Net;
using PatchDb.Tests.Api;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>The session cookie is encrypted with Data Protection keys kept in Redis: a restarted (or another) Web
/// process reads them, so a signed-in collector stays signed in.</summary>
public sealed class SessionRestartTests(TestInfrastructure infra)
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
            using (var signedIn = await SignInForm.PostAsync(browser, user.Username, "correct horse", Ct))
            {
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            }
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
}
