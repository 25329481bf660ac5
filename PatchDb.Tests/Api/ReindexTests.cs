using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Services;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

public sealed class ReindexTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Vectors_of_another_model_are_never_compared_and_reindex_re_embeds_them()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url,
            new Dictionary<string, string?> { ["Recognition:Thresholds:classic-v1"] = "0" });
        var alice = await ApiUser.CreateAsync(host, Ct);
        var first = (await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = first, name = "A" }, Ct);

        // Pretend the stored embedding came from an older model.
        await using (var db = host.CreateDbContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE embeddings SET model_id = 'old-model' WHERE model_id = 'classic-v1'", Ct));
        }
        // A model change comes with a deployment: a fresh process, nothing cached.
        await host.RestartAsync();

        var before = await alice.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);
        Assert.Empty(before.GetProperty("matches").EnumerateArray());

        await using (var scope = host.Host.Services.CreateAsyncScope())
        {
            // Only the old-model image: the query already has a classic-v1 embedding.
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Reindexer>().RunAsync(Ct));
        }
        await using (var db = host.CreateDbContext())
        {
            Assert.False(await db.Embeddings.AnyAsync(e => e.ModelId == "old-model", Ct));
            Assert.Equal(2, await db.Embeddings.CountAsync(e => e.ModelId == "classic-v1", Ct));
        }

        var after = await alice.UploadOkAsync(TestImages.Query("nasa-sts-001", 4), Ct);
        Assert.Equal(first, after.GetProperty("matches").EnumerateArray().First().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Reindex_adds_an_auxiliary_embedding_configured_after_the_images_were_analysed()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url,
            new Dictionary<string, string?> { ["Recognition:AuxiliaryModels:1"] = "sift-words-v1" });
        var alice = await ApiUser.CreateAsync(host, Ct);
        await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct);
        await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 1), Ct);
        // As if the words had been turned on after the first photo was analysed.
        await using (var db = host.CreateDbContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(
                "DELETE FROM embeddings WHERE model_id = 'sift-words-v1' AND image_id = (SELECT image_id FROM embeddings WHERE model_id = 'sift-words-v1' ORDER BY image_id LIMIT 1)", Ct));
        }

        await using (var scope = host.Host.Services.CreateAsyncScope())
        {
            var reindexer = scope.ServiceProvider.GetRequiredService<Reindexer>();
            Assert.Equal(1, await reindexer.RunAsync(Ct));
            // Resumable: nothing is left to do.
            Assert.Equal(0, await reindexer.RunAsync(Ct));
        }
        await using (var db = host.CreateDbContext())
        {
            Assert.Equal(2, await db.Embeddings.CountAsync(e => e.ModelId == "sift-words-v1", Ct));
            Assert.Equal(2, await db.Embeddings.CountAsync(e => e.ModelId == "classic-v1", Ct));
        }
    }

    [Fact]
    public async Task After_a_model_change_reindex_moves_every_image_to_the_new_model_and_text_search_works()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url, new Dictionary<string, string?>
        {
            ["Recognition:Thresholds:classic-v1"] = "0",
            ["Recognition:Thresholds:clip-vit-b32"] = "0",
        });
        var alice = await ApiUser.CreateAsync(host, Ct);
        var first = (await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = first, name = "A" }, Ct);
        await Problem.AssertAsync(await alice.Client.GetAsync($"/{alice.Id}/search?q=patch", Ct), System.Net.HttpStatusCode.NotImplemented);

        // The Embedder comes back with a CLIP-shaped model (tiny test weights, with a text encoder).
        await embedder.StopAsync();
        embedder.Start(await PatchDb.Tests.Embedder.ClipServiceTests.TinyClipSettingsAsync());
        using (var direct = new HttpClient())
        {
            Assert.Contains("clip-vit-b32", await direct.GetStringAsync($"{embedder.Url}/v1/model", Ct));
        }
        var during = await alice.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);
        Assert.Equal("analyzed", during.GetProperty("status").GetString());
        Assert.Empty(during.GetProperty("matches").EnumerateArray());

        await using (var scope = host.Host.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Reindexer>().RunAsync(Ct));
        }
        await using (var db = host.CreateDbContext())
        {
            Assert.Equal(2, await db.Embeddings.CountAsync(e => e.ModelId == "clip-vit-b32", Ct));
            Assert.False(await db.Embeddings.AnyAsync(e => e.ModelId == "classic-v1", Ct));
        }

        var after = await alice.UploadOkAsync(TestImages.Query("nasa-sts-001", 4), Ct);
        Assert.Contains(after.GetProperty("matches").EnumerateArray(), m => m.GetProperty("id").GetGuid() == first);
        var search = await alice.GetJsonAsync($"/{alice.Id}/search?q=a%20mission%20patch", Ct);
        Assert.Equal(["matches", "ungrouped_matches", "model_id"], search.EnumerateObject().Select(p => p.Name));
        Assert.Equal("clip-vit-b32", search.GetProperty("model_id").GetString());
        Assert.Contains(search.GetProperty("matches").EnumerateArray(), m => m.GetProperty("id").GetGuid() == first);
        Assert.InRange(search.GetProperty("ungrouped_matches").GetArrayLength(), 1, 5);
    }
}
