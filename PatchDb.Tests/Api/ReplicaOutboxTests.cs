using System.Text.Json;
using PatchDb.Api.Model;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>
/// Two Api replicas started together on one fresh database, one blob folder and one Redis, as Container Apps runs them:
/// both migrate (guarded), uploads through both wait in the outbox while the Embedder is away, and once it is back the
/// two outbox workers complete every analysis exactly once; each replica's matches then see the other's changes.
/// </summary>
public sealed class ReplicaOutboxTests(TestInfrastructure infra)
{
    private static readonly string[] Designs = ["nasa-sts-001", "flag-ae", "flag-ag", "flag-ar"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_replicas_drain_one_outbox_once_and_share_group_changes()
    {
        await using var embedder = new EmbedderTestHost(infra);
        // Counted on the Api side (listening before the Embedder exists): every answered analyze call of this test.
        using var analyzeCalls = new AnalyzeCallCounter(new Uri(embedder.Url).Port);
        var blobRoot = Directory.CreateTempSubdirectory("patchdb-replica-blobs-").FullName;
        var connectionString = await infra.Postgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Recognition:Thresholds:classic-v1"] = "0",
            ["Recognition:AnalyzeTimeout"] = "00:00:05",
            ["Storage:RootPath"] = blobRoot,
        };
        var starting = Enumerable.Range(0, 2).Select(_ => Task.Run(() => ApiTestHost.StartAsync(infra, embedder.Url, settings, connectionString)));
        var replicas = await Task.WhenAll(starting);
        await using var one = replicas[0];
        await using var two = replicas[1];
        var onOne = await ApiUser.CreateAsync(one, Ct);
        var onTwo = ApiUser.OnHost(two, onOne);

        // Twelve different photos, uploaded concurrently, alternately through each replica: all wait for the Embedder.
        var files = Designs.SelectMany(d => Enumerable.Range(0, 3).Select(k => TestImages.Gallery(d, k))).ToArray();
        var uploads = await Task.WhenAll(files.Select((file, i) => (i % 2 == 0 ? onOne : onTwo).UploadOkAsync(file, Ct)));
        Assert.All(uploads, u => Assert.Equal("pending", u.GetProperty("status").GetString()));
        var ids = uploads.Select(Id).ToArray();
        await using (var db = one.CreateDbContext())
        {
            Assert.Equal(files.Length, db.PendingAnalyses.Count());
        }

        // The Embedder comes back: both workers race over the same outbox.
        embedder.Start();
        await WaitUntilAsync(() =>
        {
            using var db = one.CreateDbContext();
            return Task.FromResult(!db.PendingAnalyses.Any());
        });
        await using (var db = two.CreateDbContext())
        {
            Assert.Equal(files.Length, db.Images.Count(i => ids.Contains(i.Id) && i.Status == AnalysisStatus.Analyzed));
            Assert.Equal(files.Length, db.Embeddings.Count(e => ids.Contains(e.ImageId) && e.ModelId == "classic-v1"));
            Assert.Equal(files.Length, db.Images.Count(i => ids.Contains(i.Id) && i.ThumbnailSha256 != null));
        }
        Assert.Equal(files.Length, analyzeCalls.Answered);

        // Replica two groups the first NASA photo (completed by whichever worker claimed it); replica one's matches show it.
        var group = (await onTwo.SendJsonAsync(HttpMethod.Post, $"/{onOne.Id}/group", new { patch_id = ids[0], name = "A" }, Ct))
            .GetProperty("id").GetGuid();
        await WaitUntilAsync(async () =>
        {
            var query = await onOne.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);
            return query.GetProperty("matches").EnumerateArray().Any(m => m.GetProperty("group_id").GetGuid() == group)
                && query.GetProperty("ungrouped_matches").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == ids[1]);
        });
        await WaitUntilAsync(async () =>
        {
            var query = await onTwo.UploadOkAsync(TestImages.Query("nasa-sts-001", 4), Ct);
            return query.GetProperty("matches").EnumerateArray().Any(m => m.GetProperty("group_id").GetGuid() == group);
        });
        TryDelete(blobRoot);
    }

    private static Guid Id(JsonElement upload) => upload.GetProperty("patch").GetProperty("id").GetGuid();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the replicas never got there");
            await Task.Delay(200, Ct);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
