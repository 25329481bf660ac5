using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Every <c>/shared/{token}/…</c> route of the running Api (read from its endpoint table) × every kind of
/// token × every image × every variant: an image is served only through a live link whose groups hold it, and only as a
/// derived thumbnail or square; everything else is the same 404.</summary>
public sealed class ShareLinkMatrixTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_share_route_serves_an_image_outside_its_link()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        async Task<byte[]> Photo(string design) => await File.ReadAllBytesAsync(TestImages.Gallery(design, 0), Ct);
        var a = await ShareLinkTests.GroupAsync(alice, await Photo("flag-ar"), "group-a", copies: 1);
        var b = await ShareLinkTests.GroupAsync(alice, await Photo("flag-ae"), "group-b", copies: 2);
        var c = await ShareLinkTests.GroupAsync(alice, await Photo("nasa-sts-001"), "group-c", copies: 1);
        var d = await ShareLinkTests.GroupAsync(bob, await Photo("nasa-iss-exp16"), "group-d", copies: 5);
        var loose = (await alice.UploadOkAsync(TestImages.Gallery("flag-ar", 1), Ct)).GetProperty("patch").GetProperty("id").GetGuid();

        var revoked = await ShareLinkTests.ShareAsync(alice, new { scope = "collection" });
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/shares/{revoked.Id}", null, Ct);
        var images = new Dictionary<Guid, string>
        {
            [a.Image] = "group-a", [b.Image] = "group-b", [c.Image] = "group-c", [d.Image] = "group-d", [loose] = "ungrouped",
        };
        var tokens = new (string Kind, string Token, string[] Groups)[]
        {
            ("collection", (await ShareLinkTests.ShareAsync(alice, new { scope = "collection" })).Token, ["group-a", "group-b", "group-c"]),
            ("group a", (await ShareLinkTests.ShareAsync(alice, new { scope = "group", group_id = a.Group })).Token, ["group-a"]),
            ("trade", (await ShareLinkTests.ShareAsync(alice, new { scope = "trade" })).Token, ["group-b"]),
            ("bob's collection", (await ShareLinkTests.ShareAsync(bob, new { scope = "collection" })).Token, ["group-d"]),
            ("revoked", revoked.Token, []),
            ("unknown", PatchDb.Api.Auth.SecretTokens.New(), []),
            ("malformed", "not-a-token", []),
            ("a user id", alice.Id.ToString(), []),
        };
        string[] variants = ["square", "thumbnail", "original", "..", "%2e%2e"];

        var routes = host.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("shared/", StringComparison.Ordinal))
            .Select(e => e.RoutePattern).ToList();
        Assert.True(routes.Count >= 2, $"only {routes.Count} share routes found");

        var client = host.CreateClient();
        var checkedCount = 0;
        foreach (var pattern in routes)
        {
            var parameters = pattern.Parameters.Select(p => p.Name).ToHashSet();
            foreach (var (kind, token, groups) in tokens)
            {
                foreach (var image in parameters.Contains("image_id") ? images.Keys.ToArray() : [Guid.Empty])
                {
                    foreach (var variant in parameters.Contains("variant") ? variants : [""])
                    {
                        var path = Fill(pattern, token, image, variant);
                        var live = groups.Length > 0;
                        var expected = !parameters.Contains("image_id")
                            ? live
                            : live && groups.Contains(images[image]) && variant is "square" or "thumbnail";
                        var response = await client.GetAsync(path, Ct);
                        var body = await response.Content.ReadAsByteArrayAsync(Ct);
                        var what = $"{path} with {kind}: {(int)response.StatusCode}";
                        if (expected)
                        {
                            Assert.True(response.StatusCode == HttpStatusCode.OK, what);
                        }
                        else
                        {
                            Assert.True(response.StatusCode == HttpStatusCode.NotFound, what);
                            Assert.NotEqual("image", response.Content.Headers.ContentType?.MediaType?.Split('/')[0]);
                        }
                        var text = System.Text.Encoding.UTF8.GetString(body);
                        foreach (var name in images.Values.Where(n => !groups.Contains(n)))
                        {
                            Assert.DoesNotContain(name, text);
                        }
                        Assert.DoesNotContain(alice.Id.ToString(), text);
                        checkedCount++;
                    }
                }
            }
        }
        Assert.True(checkedCount >= 200, $"only {checkedCount} requests checked");
    }

    private static string Fill(RoutePattern pattern, string token, Guid image, string variant) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "token" } => token,
            RoutePatternParameterPart { Name: "image_id" } => image.ToString(),
            RoutePatternParameterPart { Name: "variant" } => variant,
            RoutePatternParameterPart p => throw new InvalidOperationException($"unknown route parameter {p.Name}"),
            _ => "",
        }))));
}
