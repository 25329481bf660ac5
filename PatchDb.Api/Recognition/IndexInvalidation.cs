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
    private const string AllKind = "a";
    private const string MembershipKind = "m";
    private const string NewImageKind = "n";
    private readonly string _replicaId = Guid.NewGuid().ToString("N");
    private readonly IRedisConnection? _redis = services.GetService<IRedisConnection>();
    private IAsyncDisposable? _subscription;

    /// <summary>Vectors changed (analysis completed, re-index): everything of the user is reloaded, here and elsewhere.</summary>
    public Task InvalidateAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        index.Invalidate(userId);
        return PublishAsync(userId, AllKind, cancellationToken);
    }

    /// <summary>Groups changed or images were deleted: only the membership map is reloaded.</summary>
    public Task MembershipChangedAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        index.InvalidateMembership(userId);
        return PublishAsync(userId, MembershipKind, cancellationToken);
    }

    /// <summary>An image was uploaded and added to the local index: other replicas fetch just its vectors.</summary>
    public Task ImageAddedAsync(Guid userId, Guid imageId, CancellationToken cancellationToken = default) =>
        PublishAsync(userId, $"{NewImageKind}{imageId:N}", cancellationToken);

    private async Task PublishAsync(Guid userId, string kind, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }
        try
        {
            await _redis.PublishAsync(Channel, $"{_replicaId}:{userId:N}:{kind}", cancellationToken);
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
