namespace PatchDb.ServiceDefaults.Redis;

/// <summary>
/// A small Redis client speaking RESP2 (the StackExchange.Redis package cannot be restored here). Reconnects on
/// demand; every call throws <see cref="RedisUnavailableException"/> while Redis is down.
/// </summary>
public interface IRedisConnection
{
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    Task<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default);

    /// <summary>Subscribes on a dedicated connection; the handler runs for each message until the result is disposed.
    /// The subscription re-establishes itself after Redis restarts.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default);

    Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs any command; the reply is a string, long, byte[], null or object?[] (for arrays).</summary>
    Task<object?> ExecuteAsync(string command, params object[] arguments);
}
