using StackExchange.Redis;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Tells the other Api replicas that a user's images changed, over Redis pub/sub, and applies their messages to the
/// local <see cref="MatchIndex"/>. Without Redis (not configured or down) only the local index is updated.
/// </summary>
public sealed partial class IndexInvalidation(MatchIndex index, IServiceProvider services, ILogger<IndexInvalidation> logger)
    : IHostedService
{
    public const string Channel = "patchdb:match-index:invalidate";
    private static readonly RedisChannel s_channel = RedisChannel.Literal(Channel);
    private const string AllKind = "a";
    private const string MembershipKind = "m";
    private const string NewImageKind = "n";
    private static readonly TimeSpan ResubscribeMargin = TimeSpan.FromSeconds(1);
    private readonly string _replicaId = Guid.NewGuid().ToString("N");
    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private ChannelMessageQueue? _subscription;

    /// <summary>Vectors changed (analysis completed, re-index): everything of the user is reloaded, here and elsewhere.</summary>
    public Task InvalidateAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        index.Invalidate(userId);
        return PublishAsync(userId, AllKind);
    }

    /// <summary>Groups changed or images were deleted: only the membership map is reloaded.</summary>
    public Task MembershipChangedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        index.InvalidateMembership(userId);
        return PublishAsync(userId, MembershipKind);
    }

    /// <summary>An image was uploaded and added to the local index: other replicas fetch just its vectors.</summary>
    public Task ImageAddedAsync(Guid userId, Guid imageId, CancellationToken cancellationToken = default) =>
        PublishAsync(userId, $"{NewImageKind}{imageId:N}");

    private async Task PublishAsync(Guid userId, string kind)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.GetSubscriber().PublishAsync(s_channel, $"{_replicaId}:{userId:N}:{kind}");
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
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
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestoredSync;
        await SubscribeAsync();
    }

    // Messages sent while the connection is down never arrive: read Postgres until it is back, then reload.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => index.ReadThrough = true;

    // The library re-subscribes right after the connection is back; snapshots taken once that is done miss nothing.
    private void OnConnectionRestoredSync(object? sender, ConnectionFailedEventArgs e) =>
        _ = Task.Delay(ResubscribeMargin).ContinueWith(_ =>
        {
            if (_redis is { IsConnected: true } && _subscription is not null)
            {
                index.ReadThrough = false;
            }
        }, TaskScheduler.Default);

    private async Task SubscribeAsync()
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            // StackExchange.Redis keeps the subscription and renews it whenever the connection comes back.
            var subscription = await _redis.GetSubscriber().SubscribeAsync(s_channel);
            subscription.OnMessage(message => OnMessageAsync(message.Message.ToString()));
            _subscription = subscription;
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            LogSubscribeFailed(logger, ex.Message);
            index.ReadThrough = true;
            _redis.ConnectionRestored += OnConnectionRestored;
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (_subscription is null && e.ConnectionType == ConnectionType.Subscription && _redis is not null)
        {
            _redis.ConnectionRestored -= OnConnectionRestored;
            _ = SubscribeAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_redis is not null)
        {
            _redis.ConnectionRestored -= OnConnectionRestored;
            _redis.ConnectionFailed -= OnConnectionFailed;
            _redis.ConnectionRestored -= OnConnectionRestoredSync;
        }
        // The host may stop twice (WebApplicationFactory does); unsubscribe once.
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException or ObjectDisposedException)
            {
                // Redis is away, or the host is already disposing the connection's tracing (OpenTelemetry's Redis
                // instrumentation throws ObjectDisposedException then): the subscription ends with the connection.
            }
        }
    }

    // "{replica}:{user}:a" (all), "{replica}:{user}:m" (membership) or "{replica}:{user}:n{image}" (new image).
    private async Task OnMessageAsync(string message)
    {
        var parts = message.Split(':');
        if (parts.Length != 3 || parts[0] == _replicaId || !Guid.TryParse(parts[1], out var userId))
        {
            return;
        }
        if (parts[2] == MembershipKind)
        {
            index.InvalidateMembership(userId);
        }
        else if (parts[2].StartsWith(NewImageKind, StringComparison.Ordinal) && Guid.TryParse(parts[2][NewImageKind.Length..], out var imageId))
        {
            try
            {
                await index.AddFromDatabaseAsync(userId, imageId);
            }
            catch (Npgsql.NpgsqlException)
            {
                index.Invalidate(userId);
            }
        }
        else
        {
            index.Invalidate(userId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a match-index invalidation: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to match-index invalidations: {Error}")]
    private static partial void LogSubscribeFailed(ILogger logger, string error);
}
