using PatchDb.Api.Model;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Embedder down: uploads still succeed as "pending"; the Postgres outbox completes them once it is back,
/// even across an Api restart.</summary>
public sealed class OutboxTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pending_uploads_are_analysed_when_the_embedder_returns_even_after_an_api_restart()
    {
        await using var embedder = new EmbedderTestHost(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url,
            new Dictionary<string, string?> { ["Recognition:Thresholds:classic-v1"] = "0", ["Recognition:AnalyzeTimeout"] = "00:00:03" });
        var alice = await ApiUser.CreateAsync(host, Ct);

        // Embedder not running: both uploads are accepted, pending, with no matches.
        var pending = new List<Guid>();
        foreach (var k in new[] { 0, 1 })
        {
            var upload = await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", k), Ct);
            Assert.Equal("pending", upload.GetProperty("status").GetString());
            Assert.Empty(upload.GetProperty("matches").EnumerateArray());
            Assert.Empty(upload.GetProperty("ungrouped_matches").EnumerateArray());
            pending.Add(upload.GetProperty("patch").GetProperty("id").GetGuid());
        }
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = pending[0], name = "A" }, Ct);
        Assert.Equal("pending", (await alice.GetJsonAsync($"/{alice.Id}/patch/{pending[1]}", Ct)).GetProperty("status").GetString());

        // The Api restarts while they wait: nothing is lost.
        await host.RestartAsync();
        await using (var db = host.CreateDbContext())
        {
            Assert.Equal(2, db.PendingAnalyses.Count());
        }

        embedder.Start();
        await WaitUntilAsync(() =>
        {
            using var db = host.CreateDbContext();
            return !db.PendingAnalyses.Any() && db.Images.Count(i => i.Status == AnalysisStatus.Analyzed) == 2;
        });
        await using (var db = host.CreateDbContext())
        {
            Assert.Equal(2, db.Embeddings.Count(e => pending.Contains(e.ImageId) && e.ModelId == "classic-v1"));
            Assert.All(db.Images, i => Assert.NotNull(i.ThumbnailSha256));
        }

        // They now take part in matching, and asking again for an upload's answer gives its matches.
        var second = await alice.GetJsonAsync($"/{alice.Id}/patch/{pending[1]}", Ct);
        Assert.Equal("analyzed", second.GetProperty("status").GetString());
        Assert.Equal(pending[0], second.GetProperty("matches")[0].GetProperty("id").GetGuid());
        var query = await alice.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);
        Assert.Equal("analyzed", query.GetProperty("status").GetString());
        var top = query.GetProperty("matches").EnumerateArray().First();
        Assert.Equal(pending[0], top.GetProperty("id").GetGuid());
        Assert.Contains(query.GetProperty("ungrouped_matches").EnumerateArray(), m => m.GetProperty("id").GetGuid() == pending[1]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(200, Ct);
        }
    }
}
