using PatchDb.ServiceDefaults.Redis;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Tells the other Api replicas that a user's images changed, over Redis pub/sub, and applies their messages to the
/// local <see cref="MatchIndex"/>. Without Redis (not configured or down) only the local index is updated.
/// </summary>
public sealed partial class IndexInvalidation(MatchIndex index, IServiceProvider services, ILogger<IndexInvalidation> logger)
    : IHostedService
{
    public const string Channel = "patchdb:match-index:invalidate";
    private readonly string _replicaId = Guid.NewGuid().ToString("N");
    private readonly IRedisConnection? _redis = services.GetService<IRedisConnection>();
    private IAsyncDisposable? _subscription;

    /// <summary>Invalidates locally and on every other replica.</summary>
    public async Task InvalidateAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        index.Invalidate(userId);
        await PublishAsync(userId, cancellationToken);
    }

    /// <summary>For changes already applied to the local index (e.g. <see cref="MatchIndex.Add"/>).</summary>
    public async Task PublishAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.PublishAsync(Channel, $"{_replicaId}:{userId:N}", cancellationToken);
        }
        catch (RedisUnavailableException ex)
        {
            LogPublishFailed(logger, ex.Message);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            _subscription = await _redis.SubscribeAsync(Channel, OnMessageAsync, cancellationToken);
        }
        catch (RedisUnavailableException ex)
        {
            LogSubscribeFailed(logger, ex.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop twice (WebApplicationFactory does); dispose the subscription once.
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync();
        }
    }

    private Task OnMessageAsync(string message)
    {
        var parts = message.Split(':');
        if (parts.Length == 2 && parts[0] != _replicaId && Guid.TryParse(parts[1], out var userId))
        {
            index.Invalidate(userId);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a match-index invalidation: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to match-index invalidations: {Error}")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);
}
