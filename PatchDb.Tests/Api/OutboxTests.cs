using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public async Task A_stopping_api_hands_back_the_analysis_it_was_waiting_on()
    {
        // An Embedder that accepts connections and never answers: the outbox's claim stays in flight until the stop.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        await using var host = await ApiTestHost.StartAsync(infra, url, new Dictionary<string, string?>
        {
            ["Recognition:AnalyzeTimeout"] = "00:00:01",
            ["Recognition:OutboxAnalyzeTimeout"] = "00:05:00",
        });
        var alice = await ApiUser.CreateAsync(host, Ct);
        var upload = await alice.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct);
        Assert.Equal("pending", upload.GetProperty("status").GetString());
        var id = upload.GetProperty("patch").GetProperty("id").GetGuid();

        // Claimed: leased for longer than the analysis timeout.
        await WaitUntilAsync(() =>
        {
            using var db = host.CreateDbContext();
            return db.PendingAnalyses.Any(p => p.ImageId == id && p.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(1));
        });
        await host.Host.DisposeAsync();

        await using var check = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await check.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT next_attempt_at <= now() FROM pending_analyses WHERE image_id = $1", check)
        {
            Parameters = { new() { Value = id } },
        };
        Assert.Equal(true, await command.ExecuteScalarAsync(Ct));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(200, Ct);
        }
    }
}
