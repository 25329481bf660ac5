using System.Security.Cryptography;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>The original PatchDB flow end to end on real photos, with the real Embedder (classic-v1).</summary>
public sealed class RecognitionFlowTests(TestInfrastructure infra)
{
    private const string DesignA = "nasa-sts-001";
    private const string DesignB = "flag-ae";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Original_flow_groups_matches_favourites_lists_and_deletes()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        // The shipped "same design" threshold of classic-v1 (appsettings.json); every candidate below it is listed,
        // however unlikely, so that an unrelated group shows up as one.
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url, new Dictionary<string, string?> { ["Recognition:MinCandidateScore"] = "0" });
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);

        // Three photos of design A, grouped.
        var a = new List<Guid>();
        for (var k = 0; k < 3; k++)
        {
            var upload = await alice.UploadOkAsync(TestImages.Gallery(DesignA, k), Ct);
            Assert.Equal(["matches", "patch", "ungrouped_matches", "status", "candidates", "patch_region"], upload.EnumerateObject().Select(p => p.Name));
            Assert.Equal("analyzed", upload.GetProperty("status").GetString());
            a.Add(Id(upload));
        }
        var created = await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = a[0], name = "Design A" }, Ct);
        Assert.Equal("Patch added to group", created.GetProperty("message").GetString());
        var groupA = created.GetProperty("id").GetGuid();
        foreach (var id in a.Skip(1))
        {
            var added = await alice.SendJsonAsync(HttpMethod.Patch, $"/{alice.Id}/group", new { patch_id = id, group_id = groupA }, Ct);
            Assert.Equal("Patch added to group", added.GetProperty("message").GetString());
        }

        // A fourth photo of A: A's group is the top match, through its best image, never the upload itself.
        var query = await alice.UploadOkAsync(TestImages.Query(DesignA, 3), Ct);
        var queryId = Id(query);
        var matches = query.GetProperty("matches").EnumerateArray().ToList();
        Assert.InRange(matches.Count, 1, 5);
        var top = matches[0];
        // The original API's fields first, in order; later fields (issue 17: verified, inliers, cutout_path) only after them.
        Assert.Equal(["group_id", "group_name", "is_favorite", "id", "path", "score", "verified", "inliers", "cutout_path"],
            top.EnumerateObject().Select(p => p.Name));
        Assert.Equal(groupA, top.GetProperty("group_id").GetGuid());
        Assert.Equal("Design A", top.GetProperty("group_name").GetString());
        Assert.Contains(top.GetProperty("id").GetGuid(), a);
        Assert.Equal($"/{alice.Id}/images/{top.GetProperty("id").GetGuid()}", top.GetProperty("path").GetString());
        Assert.InRange(top.GetProperty("score").GetDouble(), 0, 1);
        var scores = matches.Select(m => m.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.DoesNotContain(query.GetProperty("ungrouped_matches").EnumerateArray(), m => m.GetProperty("id").GetGuid() == queryId);

        // Group B from a photo of another design; favourite and unfavourite A.
        var b = Id(await alice.UploadOkAsync(TestImages.Gallery(DesignB, 0), Ct));
        var groupB = (await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = b, name = "Design B" }, Ct)).GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Put, $"/{alice.Id}/group/{groupA}/favorite", null, Ct);
        Assert.True(Group(await List(alice), groupA).GetProperty("is_favorite").GetBoolean());
        var renamed = await alice.SendJsonAsync(HttpMethod.Patch, $"/{alice.Id}/group/{groupB}", new { name = "Design B2" }, Ct);
        Assert.Equal("Design B2", renamed.GetProperty("name").GetString());
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/group/{groupA}/favorite", null, Ct);

        // Another photo of A: the unrelated group B is no match, but it is still ranked, below the threshold.
        var another = await alice.UploadOkAsync(TestImages.Query(DesignA, 4), Ct);
        var candidates = another.GetProperty("candidates").EnumerateArray().ToList();
        var candidate = Assert.Single(candidates, c => c.GetProperty("group_id").GetGuid() == groupB);
        Assert.Equal("Design B2", candidate.GetProperty("group_name").GetString());
        Assert.InRange(candidate.GetProperty("score").GetDouble(), 0, 0.5);
        Assert.All(candidates, c => Assert.True(c.GetProperty("score").GetDouble() < 0.5));
        Assert.DoesNotContain(another.GetProperty("matches").EnumerateArray(), m => m.GetProperty("group_id").GetGuid() == groupB);
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/patch/{Id(another)}", null, Ct);

        // The list, field by field.
        var list = await List(alice);
        Assert.Equal(["patches", "ungrouped_patches"], list.EnumerateObject().Select(p => p.Name));
        var groups = list.GetProperty("patches").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        foreach (var group in groups)
        {
            // The original's fields in its order; later fields (copies) only after them.
            Assert.Equal(["id", "images", "name", "is_favorite"], group.EnumerateObject().Select(p => p.Name).Take(4));
            Assert.False(group.GetProperty("is_favorite").GetBoolean());
            foreach (var image in group.GetProperty("images").EnumerateArray())
            {
                Assert.Equal(["id", "path", "cutout_path", "cutout_confidence"], image.EnumerateObject().Select(p => p.Name));
            }
        }
        Assert.Equal(a, Group(list, groupA).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal("Design B2", Group(list, groupB).GetProperty("name").GetString());
        var ungrouped = Assert.Single(list.GetProperty("ungrouped_patches").EnumerateArray());
        Assert.Equal(["id", "path", "cutout_path", "cutout_confidence"], ungrouped.EnumerateObject().Select(p => p.Name));
        Assert.Equal(queryId, ungrouped.GetProperty("id").GetGuid());

        // Derivatives are served as WebP with auth.
        var thumbnail = await alice.Client.GetAsync($"/{alice.Id}/images/{a[0]}/thumbnail", Ct);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        var square = await alice.Client.GetAsync($"/{alice.Id}/images/{a[0]}/square", Ct);
        Assert.Equal("image/webp", square.Content.Headers.ContentType?.MediaType);

        // Bob uploads the same bytes as Alice's first photo: the stored analysis is reused, blobs are shared.
        var bobsCopy = await bob.UploadOkAsync(TestImages.Gallery(DesignA, 0), Ct);
        Assert.Equal("analyzed", bobsCopy.GetProperty("status").GetString());
        var sharedHashes = Hashes(host, Id(bobsCopy));
        Assert.Equal(Hashes(host, a[0]), sharedHashes);

        // Delete a patch, then group A: rows and blobs go, except the blobs Bob still references.
        var queryHashes = Hashes(host, queryId);
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/patch/{queryId}", null, Ct);
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/group/{groupA}", null, Ct);
        await using (var db = host.CreateDbContext())
        {
            Assert.False(db.Groups.Any(g => g.Id == groupA));
            Assert.False(db.Images.Any(i => a.Contains(i.Id) || i.Id == queryId));
            Assert.False(db.Embeddings.Any(e => a.Contains(e.ImageId) || e.ImageId == queryId));
            var stored = db.Blobs.Select(x => x.Sha256).ToHashSet();
            Assert.True(sharedHashes.All(stored.Contains));
            Assert.DoesNotContain(queryHashes, stored.Contains);
        }
        var files = Directory.EnumerateFiles(host.BlobRoot, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        Assert.True(sharedHashes.All(files.Contains));
        Assert.DoesNotContain(queryHashes, files.Contains);
        var after = await List(alice);
        Assert.Equal([groupB], after.GetProperty("patches").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));
        Assert.Empty(after.GetProperty("ungrouped_patches").EnumerateArray());
    }

    [Fact]
    public async Task The_embedders_verdict_on_bad_bytes_is_passed_through_and_nothing_is_kept()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var truncated = (await File.ReadAllBytesAsync(TestImages.Any, Ct))[..20000];
        var problem = await Problem.AssertAsync(await alice.UploadBytesAsync(truncated, "cut.jpg", Ct), (System.Net.HttpStatusCode)422);
        Assert.Contains("JPEG", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await using var db = host.CreateDbContext();
        Assert.Empty(db.Images);
        Assert.Empty(db.Blobs);
        Assert.Empty(Directory.EnumerateFiles(host.BlobRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Search_without_a_text_encoder_is_501()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var response = await alice.Client.GetAsync($"/{alice.Id}/search?q=space%20shuttle", Ct);
        var problem = await Problem.AssertAsync(response, System.Net.HttpStatusCode.NotImplemented);
        Assert.Contains("text", problem.GetProperty("detail").GetString());
        await Problem.AssertAsync(await alice.Client.GetAsync($"/{alice.Id}/search?q=", Ct), System.Net.HttpStatusCode.BadRequest);
    }

    private static Guid Id(JsonElement upload) => upload.GetProperty("patch").GetProperty("id").GetGuid();

    private static Task<JsonElement> List(ApiUser user) => user.GetJsonAsync($"/{user.Id}/patches", Ct);

    private static JsonElement Group(JsonElement list, Guid id) =>
        list.GetProperty("patches").EnumerateArray().Single(g => g.GetProperty("id").GetGuid() == id);

    private static string[] Hashes(ApiTestHost host, Guid imageId)
    {
        using var db = host.CreateDbContext();
        var image = db.Images.Single(i => i.Id == imageId);
        return [image.OriginalSha256, image.ThumbnailSha256!, image.SquareSha256!];
    }
}
