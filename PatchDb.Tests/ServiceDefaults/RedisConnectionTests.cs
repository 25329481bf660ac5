using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using PatchDb.ServiceDefaults.Redis;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.ServiceDefaults;

public sealed class RedisConnectionTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Values_round_trip_and_expire()
    {
        await using var redis = Connect(infra.Redis.ConnectionString);
        var key = infra.Redis.NewKeyPrefix() + "k";
        byte[] value = [0, 1, 2, 255, 13, 10];

        await redis.SetAsync(key, value, TimeSpan.FromMilliseconds(300), Ct);
        Assert.Equal(value, await redis.GetAsync(key, Ct));
        await Task.Delay(600, Ct);
        Assert.Null(await redis.GetAsync(key, Ct));
    }

    [Fact]
    public async Task Delete_reports_whether_the_key_existed()
    {
        await using var redis = Connect(infra.Redis.ConnectionString);
        var key = infra.Redis.NewKeyPrefix() + "gone";
        await redis.SetAsync(key, Encoding.UTF8.GetBytes("x"), cancellationToken: Ct);

        Assert.True(await redis.DeleteAsync(key, Ct));
        Assert.False(await redis.DeleteAsync(key, Ct));
    }

    [Fact]
    public async Task Server_errors_surface_without_breaking_the_connection()
    {
        await using var redis = Connect(infra.Redis.ConnectionString);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => redis.ExecuteAsync("NOSUCHCOMMAND"));
        Assert.Contains("unknown command", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("PONG", await redis.ExecuteAsync("PING"));
    }

    [Fact]
    public async Task Published_messages_reach_subscribers()
    {
        await using var redis = Connect(infra.Redis.ConnectionString);
        var channel = infra.Redis.NewKeyPrefix() + "events";
        var received = Channel.CreateUnbounded<string>();
        await using var subscription = await redis.SubscribeAsync(channel, m => received.Writer.WriteAsync(m).AsTask(), Ct);

        Assert.Equal(1, await redis.PublishAsync(channel, "hello", Ct));
        Assert.Equal("hello", await received.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    [Fact]
    public async Task A_subscription_can_be_disposed_twice_and_then_hears_nothing()
    {
        await using var redis = Connect(infra.Redis.ConnectionString);
        var channel = infra.Redis.NewKeyPrefix() + "twice";
        var subscription = await redis.SubscribeAsync(channel, _ => Task.CompletedTask, Ct);

        await subscription.DisposeAsync();
        await subscription.DisposeAsync();

        Assert.Equal(0, await redis.PublishAsync(channel, "anyone?", Ct));
    }

    [Fact]
    public async Task A_stopped_redis_fails_fast_and_recovers_with_subscriptions()
    {
        await using var server = await RedisServer.StartNewAsync();
        await using var redis = Connect(server.ConnectionString);
        var received = Channel.CreateUnbounded<string>();
        await using var subscription = await redis.SubscribeAsync("c", m => received.Writer.WriteAsync(m).AsTask(), Ct);
        await redis.PingAsync(Ct);

        await server.StopAsync();
        await Assert.ThrowsAsync<RedisUnavailableException>(() => redis.GetAsync("k", Ct));
        await Assert.ThrowsAsync<RedisUnavailableException>(() => redis.GetAsync("k", Ct));

        await server.StartAsync();
        await WaitUntilAsync(async () => await redis.PublishAsync("c", "back", Ct) == 1);
        Assert.Equal("back", await received.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }

    private static RedisConnection Connect(string connectionString) =>
        new(RedisEndpoint.Parse(connectionString), NullLogger<RedisConnection>.Instance) { RetryDelay = TimeSpan.FromMilliseconds(100) };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (RedisUnavailableException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100, Ct);
        }
    }
}
