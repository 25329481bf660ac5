using Microsoft.Extensions.Options;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Options;

namespace PatchDb.Api.Storage;

/// <summary>Removes blobs no row references (a crash between publishing a file and committing its row) and stale
/// staged files, once they are older than the grace period, and expired upload Idempotency-Keys. Runs at startup and
/// then periodically.</summary>
public sealed partial class BlobSweeper(
    IServiceScopeFactory scopeFactory,
    IBlobStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<BlobSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                var removed = await SweepAsync(stoppingToken);
                LogSweep(logger, removed);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.SweepGracePeriod;
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PatchDbContext>();
        var references = scope.ServiceProvider.GetRequiredService<BlobReferences>();
        var removed = 0;
        await foreach (var entry in store.ListAsync(cancellationToken))
        {
            if (entry.LastModified > cutoff)
            {
                continue;
            }
            if (entry.Sha256 is null)
            {
                await store.DeleteStagedLeftoverAsync(entry.Name, cancellationToken);
                removed++;
            }
            else if (await references.DeleteIfUnreferencedAsync(db, entry.Sha256, cancellationToken))
            {
                removed++;
            }
        }
        // Expired upload keys go with the same periodic pass (they reference images, not blobs).
        await scope.ServiceProvider.GetRequiredService<Services.UploadKeys>().DeleteExpiredAsync(cancellationToken);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob sweep removed {Count} unreferenced files")]
    private static partial void LogSweep(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blob sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
