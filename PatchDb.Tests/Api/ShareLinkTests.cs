using System.Net;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Share links: each scope shows exactly its groups (names, copies, spares, covers and nothing else), the
/// served images carry no EXIF/GPS, the settings list tells when a link was made and opened, and revocation is a 404.</summary>
public sealed class ShareLinkTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Links_show_exactly_their_groups_without_metadata_and_404_after_revocation()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var alice = await ApiUser.CreateAsync(host, Ct, "alice-" + Guid.NewGuid().ToString("N")[..8]);
        var gpsPhoto = ExifJpeg.WithGps(await File.ReadAllBytesAsync(TestImages.Gallery("flag-ar", 0), Ct));
        var flag = await GroupAsync(alice, gpsPhoto, "Flag of Argentina", copies: 3);
        var nasa = await GroupAsync(alice, await File.ReadAllBytesAsync(TestImages.Gallery("nasa-sts-001", 0), Ct), "STS-1", copies: 1);
        var ungrouped = await alice.UploadBytesAsync(await File.ReadAllBytesAsync(TestImages.Gallery("flag-ae", 0), Ct), "u.jpg", Ct);
        Assert.Equal(HttpStatusCode.Created, ungrouped.StatusCode);

        var anonymous = host.CreateClient();
        var whole = await ShareAsync(alice, new { scope = "collection" });
        var one = await ShareAsync(alice, new { scope = "group", group_id = nasa.Group });
        var trade = await ShareAsync(alice, new { scope = "trade" });

        var page = await GetOkAsync(anonymous, whole.Path);
        Assert.Equal(["username", "scope", "groups"], page.EnumerateObject().Select(p => p.Name));
        Assert.Equal(alice.Username, page.GetProperty("username").GetString());
        Assert.Equal(["Flag of Argentina", "STS-1"], Names(page));
        var first = page.GetProperty("groups")[0];
        Assert.Equal(["name", "copies", "spares", "cover"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, 2), (first.GetProperty("copies").GetInt32(), first.GetProperty("spares").GetInt32()));
        Assert.Equal(["STS-1"], Names(await GetOkAsync(anonymous, one.Path)));
        Assert.Equal(["Flag of Argentina"], Names(await GetOkAsync(anonymous, trade.Path)));

        // The original carries the GPS block; what the link serves does not.
        var original = await alice.Client.GetByteArrayAsync($"/{alice.Id}/images/{flag.Image}", Ct);
        Assert.True(ExifJpeg.HasMetadata(original), "the test photo lost its EXIF on upload");
        var cover = first.GetProperty("cover").GetString()!;
        Assert.Equal($"{whole.Path}/images/{flag.Image}/square", cover);
        foreach (var variant in new[] { "square", "thumbnail" })
        {
            var response = await anonymous.GetAsync($"{whole.Path}/images/{flag.Image}/{variant}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            Assert.False(ExifJpeg.HasMetadata(bytes), $"{variant} served through a link carries metadata");
        }

        // The settings list: when each was made and last opened (all three were opened above); never a token.
        var links = await alice.GetJsonAsync($"/{alice.Id}/shares", Ct);
        Assert.Equal([whole.Id, one.Id, trade.Id], links.EnumerateArray().Select(l => l.GetProperty("id").GetGuid()));
        Assert.Equal("STS-1", links[1].GetProperty("group_name").GetString());
        Assert.All(links.EnumerateArray(), l => Assert.NotEqual(JsonValueKind.Null, l.GetProperty("last_opened_at").ValueKind));
        Assert.DoesNotContain(whole.Token, links.GetRawText());

        // The trade list follows the copies; revoking one link leaves the others.
        await alice.SendJsonAsync(HttpMethod.Put, $"/{alice.Id}/group/{nasa.Group}/copies", new { copies = 2 }, Ct);
        Assert.Equal(["Flag of Argentina", "STS-1"], Names(await GetOkAsync(anonymous, trade.Path)));
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/shares/{whole.Id}", null, Ct);
        await Problem.AssertAsync(await anonymous.GetAsync(whole.Path, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await anonymous.GetAsync(cover, Ct), HttpStatusCode.NotFound);
        Assert.Equal(["STS-1"], Names(await GetOkAsync(anonymous, one.Path)));
        Assert.Equal(2, (await alice.GetJsonAsync($"/{alice.Id}/shares", Ct)).GetArrayLength());

        // A group link goes with its group.
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/group/{nasa.Group}", null, Ct);
        await Problem.AssertAsync(await anonymous.GetAsync(one.Path, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_share_requests_are_problems()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        object[] bad = [new { scope = "everything" }, new { }, new { scope = "group" }, new { scope = "trade", group_id = Guid.NewGuid() }];
        foreach (var body in bad)
        {
            await Problem.AssertAsync(await alice.Client.PostAsync($"/{alice.Id}/shares",
                System.Net.Http.Json.JsonContent.Create(body), Ct), HttpStatusCode.BadRequest);
        }
        await Problem.AssertAsync(await alice.Client.PostAsync($"/{alice.Id}/shares",
            System.Net.Http.Json.JsonContent.Create(new { scope = "group", group_id = Guid.NewGuid() }), Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await alice.Client.DeleteAsync($"/{alice.Id}/shares/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
    }

    internal sealed record Shared(Guid Id, string Token, string Path);

    internal static async Task<Shared> ShareAsync(ApiUser user, object request)
    {
        var created = await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/shares", request, Ct);
        var token = created.GetProperty("token").GetString()!;
        // ≥ 128 bits: 32 random bytes, base64url.
        Assert.Equal(43, token.Length);
        Assert.Equal($"/shared/{token}", created.GetProperty("path").GetString());
        return new Shared(created.GetProperty("id").GetGuid(), token, created.GetProperty("path").GetString()!);
    }

    internal static async Task<(Guid Group, Guid Image)> GroupAsync(ApiUser user, byte[] photo, string name, int copies)
    {
        var upload = await user.UploadBytesAsync(photo, "p.jpg", Ct);
        var body = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("analyzed", body.GetProperty("status").GetString());
        var image = body.GetProperty("patch").GetProperty("id").GetGuid();
        var group = (await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/group", new { patch_id = image, name }, Ct)).GetProperty("id").GetGuid();
        await user.SendJsonAsync(HttpMethod.Put, $"/{user.Id}/group/{group}/copies", new { copies }, Ct);
        return (group, image);
    }

    private static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string[] Names(JsonElement page) =>
        [.. page.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()!)];
}
