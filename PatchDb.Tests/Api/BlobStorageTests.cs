using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Storage;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Content-addressed storage: dedup across users, reference counts, deletion with the last reference and the
/// orphan sweep. The Embedder is absent here, so every image is an original blob only (pending analysis).</summary>
public sealed class BlobStorageTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Identical_bytes_are_stored_once_and_deleted_with_the_last_reference()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        var file = TestImages.Any;
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));

        var a1 = Id(await alice.UploadOkAsync(file, Ct));
        var a2 = Id(await alice.UploadOkAsync(file, Ct));
        var b1 = Id(await bob.UploadOkAsync(file, Ct));
        Assert.Equal(3, ReferenceCount(host, sha));
        Assert.Single(BlobFiles(host));

        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/patch/{a1}", null, Ct);
        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/patch/{a2}", null, Ct);
        Assert.Equal(1, ReferenceCount(host, sha));
        Assert.Single(BlobFiles(host));
        // Bob still sees his copy.
        var bytes = await bob.Client.GetByteArrayAsync($"/{bob.Id}/images/{b1}", Ct);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        await bob.SendJsonAsync(HttpMethod.Delete, $"/{bob.Id}/patch/{b1}", null, Ct);
        Assert.Equal(0, ReferenceCount(host, sha));
        Assert.Empty(BlobFiles(host));
        await using var db = host.CreateDbContext();
        Assert.Empty(db.Images);
    }

    [Fact]
    public async Task Deleting_a_group_removes_its_images_and_blobs_but_not_blobs_another_user_references()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        var shared = TestImages.Gallery("flag-ae", 0);
        var own = TestImages.Gallery("flag-ae", 1);
        var first = Id(await alice.UploadOkAsync(shared, Ct));
        var second = Id(await alice.UploadOkAsync(own, Ct));
        await bob.UploadOkAsync(shared, Ct);
        var group = (await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = first, name = "AE" }, Ct)).GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Patch, $"/{alice.Id}/group", new { patch_id = second, group_id = group }, Ct);
        Assert.Equal(2, BlobFiles(host).Count);

        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/group/{group}", null, Ct);

        var list = await alice.GetJsonAsync($"/{alice.Id}/patches", Ct);
        Assert.Empty(list.GetProperty("patches").EnumerateArray());
        Assert.Empty(list.GetProperty("ungrouped_patches").EnumerateArray());
        await using var db = host.CreateDbContext();
        Assert.Empty(db.Groups);
        Assert.Single(db.Images);
        var remaining = Assert.Single(db.Blobs);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(shared, Ct))), remaining.Sha256);
        Assert.Equal([remaining.Sha256], BlobFiles(host).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Concurrent_uploads_and_deletes_of_the_same_bytes_keep_counts_and_files_exact()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ApiUser.CreateAsync(host, Ct)));
        var file = TestImages.Gallery("flag-ae", 2);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct)));
        var kept = new System.Collections.Concurrent.ConcurrentBag<(ApiUser User, Guid Id)>();

        // Every user uploads the same photo repeatedly while deleting some of its own copies.
        await Task.WhenAll(users.Select(async user =>
        {
            for (var round = 0; round < 4; round++)
            {
                var a = Id(await user.UploadOkAsync(file, Ct));
                var b = Id(await user.UploadOkAsync(file, Ct));
                await user.SendJsonAsync(HttpMethod.Delete, $"/{user.Id}/patch/{a}", null, Ct);
                kept.Add((user, b));
            }
        }));
        Assert.Equal(kept.Count, ReferenceCount(host, sha));
        Assert.Single(BlobFiles(host));

        await Task.WhenAll(kept.Select(k => k.User.SendJsonAsync(HttpMethod.Delete, $"/{k.User.Id}/patch/{k.Id}", null, Ct)));
        Assert.Equal(0, ReferenceCount(host, sha));
        Assert.Empty(BlobFiles(host));
    }

    [Fact]
    public async Task Sweep_removes_unreferenced_blobs_older_than_the_grace_period_only()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null,
            new Dictionary<string, string?> { ["Storage:SweepGracePeriod"] = "00:10:00" });
        var alice = await ApiUser.CreateAsync(host, Ct);
        await alice.UploadOkAsync(TestImages.Any, Ct);
        var referenced = Assert.Single(BlobFiles(host));
        var store = host.Host.Services.GetRequiredService<IBlobStore>();

        // A blob published but whose row never committed (a crash in between), and a staged leftover.
        var oldOrphan = await store.StageAsync(new MemoryStream("orphan"u8.ToArray()), 100, Ct);
        await store.CommitAsync(oldOrphan, Ct);
        var freshOrphan = await store.StageAsync(new MemoryStream("fresh"u8.ToArray()), 100, Ct);
        await store.CommitAsync(freshOrphan, Ct);
        var leftover = await store.StageAsync(new MemoryStream("half-written"u8.ToArray()), 100, Ct);
        var old = DateTime.UtcNow.AddHours(-2);
        foreach (var path in BlobFiles(host).Where(p => !p.EndsWith(freshOrphan.Sha256, StringComparison.Ordinal)))
        {
            File.SetLastWriteTimeUtc(path, old);
        }
        File.SetLastWriteTimeUtc(Path.Combine(host.BlobRoot, ".staging", leftover.StagingName), old);

        var removed = await host.Host.Services.GetRequiredService<BlobSweeper>().SweepAsync(Ct);

        Assert.Equal(2, removed);
        var files = Directory.EnumerateFiles(host.BlobRoot, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(new[] { Path.GetFileName(referenced), freshOrphan.Sha256 }.Order(), files);
    }

    [Fact]
    public async Task Image_bytes_have_etags_and_private_caching()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var upload = await alice.UploadOkAsync(TestImages.Any, Ct);
        var path = upload.GetProperty("patch").GetProperty("path").GetString()!;
        Assert.Equal($"/{alice.Id}/images/{Id(upload)}", path);

        var response = await alice.Client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private);
        var etag = response.Headers.ETag!;
        Assert.Equal(await File.ReadAllBytesAsync(TestImages.Any, Ct), await response.Content.ReadAsByteArrayAsync(Ct));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await alice.Client.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));

        // While the analysis is pending the derivatives fall back to the original.
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync(path + "/thumbnail", Ct)).StatusCode);
        await Problem.AssertAsync(await alice.Client.GetAsync(path + "/huge", Ct), HttpStatusCode.NotFound);
    }

    private static Guid Id(System.Text.Json.JsonElement upload) => upload.GetProperty("patch").GetProperty("id").GetGuid();

    private static List<string> BlobFiles(ApiTestHost host) =>
        [.. Directory.EnumerateFiles(host.BlobRoot, "*", SearchOption.AllDirectories).Where(p => !p.Contains("/.staging/", StringComparison.Ordinal))];

    private static int ReferenceCount(ApiTestHost host, string sha)
    {
        using var db = host.CreateDbContext();
        return db.Blobs.Where(b => b.Sha256 == sha).Select(b => b.ReferenceCount).FirstOrDefault();
    }
}
