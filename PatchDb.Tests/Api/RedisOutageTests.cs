using System.Net;
using PatchDb.Api.Recognition;
using PatchDb.Tests.Infrastructure;
using StackExchange.Redis;

namespace PatchDb.Tests.Api;

/// <summary>Redis only carries the match-index invalidations between replicas: an Api that starts while Redis is away
/// serves (its index reads Postgres), and subscribes once Redis is there (StackExchange.Redis reconnects).</summary>
public sealed class RedisOutageTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_api_started_without_redis_matches_uploads_and_subscribes_when_redis_comes()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await redis.StopAsync();
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var api = await ApiTestHost.StartAsync(infra, embedder.Url, new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = redis.ConnectionString,
            ["Recognition:Thresholds:classic-v1"] = "0",
        });
        var user = await ApiUser.CreateAsync(api, Ct);

        var first = (await user.UploadOkAsync(TestImages.Gallery("nasa-sts-001", 0), Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var query = await user.UploadOkAsync(TestImages.Query("nasa-sts-001", 3), Ct);
        Assert.Contains(query.GetProperty("ungrouped_matches").EnumerateArray(), m => m.GetProperty("id").GetGuid() == first);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/alive", Ct)).StatusCode);

        await redis.StartAsync();
        await using var probe = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await SubscribersAsync(probe) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the Api never subscribed after Redis came up");
            await Task.Delay(200, Ct);
        }
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/health", Ct)).StatusCode);
    }

    private static async Task<long> SubscribersAsync(ConnectionMultiplexer redis)
    {
        var reply = await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", IndexInvalidation.Channel);
        return (long)((RedisResult[])reply!)[1];
    }
}
