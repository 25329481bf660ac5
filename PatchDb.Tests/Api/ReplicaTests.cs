using System.Net;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Two Api replicas on one database, blob folder and Redis: a change made through one is seen by the
/// other's in-memory match index (Redis pub/sub invalidation).</summary>
public sealed class ReplicaTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_on_one_replica_invalidates_the_match_index_of_the_other()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        var settings = new Dictionary<string, string?> { ["Recognition:Thresholds:classic-v1"] = "0" };
        await using var one = await ApiTestHost.StartAsync(infra, embedder.Url, settings);
        settings["Storage:RootPath"] = one.BlobRoot;
        await using var two = await ApiTestHost.StartAsync(infra, embedder.Url, settings, one.ConnectionString);
        var onOne = await ApiUser.CreateAsync(one, Ct);
        var onTwo = ApiUser.OnHost(two, onOne);

        // Replica one loads (and caches) the user's index with the photo still ungrouped.
        var first = Id(await onOne.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct));
        var query = await onOne.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);
        Assert.Contains(query.GetProperty("ungrouped_matches").EnumerateArray(), m => m.GetProperty("id").GetGuid() == first);

        // Grouping it through replica two must reach replica one's cache.
        var group = (await onTwo.SendJsonAsync(HttpMethod.Post, $"/{onOne.Id}/group", new { patch_id = first, name = "A" }, Ct)).GetProperty("id").GetGuid();
        await WaitUntilAsync(async () =>
        {
            var again = await onOne.UploadOkAsync(TestImages.Query("nasa-sts-001", 4), Ct);
            return again.GetProperty("matches").EnumerateArray().Any(m => m.GetProperty("group_id").GetGuid() == group);
        });

        // An upload on replica two is matched by replica one (the Add there is published too).
        var second = Id(await onTwo.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 1), Ct));
        await WaitUntilAsync(async () =>
        {
            var again = await onOne.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 2), Ct);
            return again.GetProperty("ungrouped_matches").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == second);
        });

        // A deletion through replica two hides the image on replica one.
        await onTwo.SendJsonAsync(HttpMethod.Delete, $"/{onOne.Id}/patch/{second}", null, Ct);
        await WaitUntilAsync(async () =>
        {
            var again = await onOne.GetJsonAsync($"/{onOne.Id}/patch/{first}", Ct);
            return !again.GetProperty("ungrouped_matches").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == second);
        });
    }

    private static Guid Id(JsonElement upload) => upload.GetProperty("patch").GetProperty("id").GetGuid();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the other replica never saw the change");
            await Task.Delay(100, Ct);
        }
    }
}
