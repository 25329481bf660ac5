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
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE embeddings SET model_id = 'old-model'", Ct));
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
}
