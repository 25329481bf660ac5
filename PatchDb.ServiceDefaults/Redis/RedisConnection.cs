using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PatchDb.ServiceDefaults.Redis;

/// <summary>
/// One connection, one command at a time (a semaphore keeps request and reply paired). While Redis is down every call
/// fails fast with <see cref="RedisUnavailableException"/> and a reconnect is tried at most once per <see cref="RetryDelay"/>;
/// the up/down transitions are logged once each, not per call.
/// </summary>
public sealed partial class RedisConnection(RedisEndpoint endpoint, ILogger<RedisConnection> logger) : IRedisConnection, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TcpClient? _client;
    private Stream? _stream;
    private DateTime _retryAfterUtc;
    private bool _reportedDown;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public RedisEndpoint Endpoint => endpoint;

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await RunAsync("GET", [key], cancellationToken) as byte[];

    public async Task SetAsync(string key, ReadOnlyMemory<byte> value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        object[] args = timeToLive is { } ttl
            ? [key, value, "PX", (long)Math.Max(1, ttl.TotalMilliseconds)]
            : [key, value];
        await RunAsync("SET", args, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await RunAsync("DEL", [key], cancellationToken) is long n && n > 0;

    public async Task<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default) =>
        await RunAsync("PUBLISH", [channel, message], cancellationToken) is long n ? n : 0;

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> handler, CancellationToken cancellationToken = default)
    {
        var subscription = new RedisSubscription(this, channel, handler, logger);
        await subscription.StartAsync(cancellationToken);
        return subscription;
    }

    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await RunAsync("PING", [], cancellationToken);
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    public Task<object?> ExecuteAsync(string command, params object[] arguments) => RunAsync(command, arguments, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        Drop();
        _gate.Release();
    }

    /// <summary>Opens a new connection (authenticated) for callers that need their own, such as subscriptions.</summary>
    internal async Task<(TcpClient Client, Stream Stream)> OpenAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            Stream stream = new BufferedStream(client.GetStream());
            if (endpoint.Password is { } password)
            {
                await stream.WriteAsync(RespProtocol.EncodeCommand("AUTH", [password]), timeout.Token);
                await stream.FlushAsync(timeout.Token);
                await RespProtocol.ReadReplyAsync(stream, timeout.Token);
            }

            return (client, stream);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<object?> RunAsync(string command, object[] arguments, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stream = await EnsureConnectedAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await stream.WriteAsync(RespProtocol.EncodeCommand(command, arguments), timeout.Token);
                await stream.FlushAsync(timeout.Token);
                return await RespProtocol.ReadReplyAsync(stream, timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The reply stream is no longer in step with our requests: start over with a new connection.
                Drop();
                cancellationToken.ThrowIfCancellationRequested();
                ReportDown(ex);
                throw new RedisUnavailableException($"Redis at {endpoint.Host}:{endpoint.Port} failed during {command}.", ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Stream> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return _stream;
        }

        if (DateTime.UtcNow < _retryAfterUtc)
        {
            throw new RedisUnavailableException($"Redis at {endpoint.Host}:{endpoint.Port} is unavailable.");
        }

        try
        {
            (_client, _stream) = await OpenAsync(cancellationToken);
            if (_reportedDown)
            {
                _reportedDown = false;
                LogRedisBack(logger, endpoint.Host, endpoint.Port);
            }

            return _stream;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _retryAfterUtc = DateTime.UtcNow + RetryDelay;
            ReportDown(ex);
            throw new RedisUnavailableException($"Redis at {endpoint.Host}:{endpoint.Port} is unavailable.", ex);
        }
    }

    private void ReportDown(Exception ex)
    {
        if (!_reportedDown)
        {
            _reportedDown = true;
            LogRedisDown(logger, endpoint.Host, endpoint.Port, ex.Message);
        }
    }

    private void Drop()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    [LoggerMessage(LogLevel.Warning, "Redis at {Host}:{Port} is unavailable ({Reason}); continuing without it until it is back.")]
    private static partial void LogRedisDown(ILogger logger, string host, int port, string reason);

    [LoggerMessage(LogLevel.Information, "Redis at {Host}:{Port} is reachable again.")]
    private static partial void LogRedisBack(ILogger logger, string host, int port);
}
