using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PatchDb.ServiceDefaults.Redis;

/// <summary>A SUBSCRIBE on its own connection that re-subscribes after Redis restarts, until disposed.</summary>
internal sealed partial class RedisSubscription(RedisConnection owner, string channel, Func<string, Task> handler, ILogger logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstSubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private int _disposed;

    /// <summary>Starts listening; returns once subscribed, or after the connect timeout if Redis is down (it keeps trying).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        await Task.WhenAny(_firstSubscribed.Task, Task.Delay(owner.ConnectTimeout, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        // Hosts may stop twice (WebApplicationFactory does); the second dispose has nothing left to do.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping is the point.
            }
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var (client, stream) = await owner.OpenAsync(stop);
                using (client)
                await using (stream)
                {
                    await stream.WriteAsync(RespProtocol.EncodeCommand("SUBSCRIBE", [channel]), stop);
                    await stream.FlushAsync(stop);
                    while (!stop.IsCancellationRequested)
                    {
                        await DispatchAsync(await RespProtocol.ReadReplyAsync(stream, stop));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException && !stop.IsCancellationRequested)
            {
                LogSubscriptionLost(logger, channel, ex.Message);
                await Task.Delay(owner.RetryDelay, stop);
            }
        }
    }

    private async Task DispatchAsync(object? reply)
    {
        if (reply is not object?[] { Length: 3 } push)
        {
            return;
        }

        switch (RespProtocol.AsString(push[0]))
        {
            case "subscribe":
                _firstSubscribed.TrySetResult();
                break;
            case "message" when RespProtocol.AsString(push[2]) is { } message:
                try
                {
                    await handler(message);
                }
                catch (Exception ex)
                {
                    // One bad message must not end the subscription.
                    LogHandlerFailed(logger, ex, channel);
                }

                break;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis subscription to {Channel} lost ({Reason}); re-subscribing.")]
    private static partial void LogSubscriptionLost(ILogger logger, string channel, string reason);

    [LoggerMessage(LogLevel.Error, "Handler for Redis channel {Channel} failed.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string channel);
}
