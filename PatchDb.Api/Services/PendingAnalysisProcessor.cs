using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>Completes queued analyses. Rows are claimed with a lease (SKIP LOCKED), so replicas share the work and a
/// crashed worker's rows come back when the lease runs out.</summary>
public sealed partial class PendingAnalysisProcessor(
    PatchDbContext db,
    NpgsqlDataSource dataSource,
    IBlobStore store,
    BlobReferences blobs,
    AnalysisStore analyses,
    EmbedderClient embedder,
    MatchIndex index,
    IndexInvalidation invalidation,
    IOptions<RecognitionOptions> options,
    TimeProvider time,
    ILogger<PendingAnalysisProcessor> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Processes up to <paramref name="batchSize"/> due rows, one claim at a time; returns how many were completed.</summary>
    public async Task<int> ProcessDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var completed = 0;
        while (completed < batchSize && await ClaimAsync(cancellationToken) is { } imageId)
        {
            bool done;
            try
            {
                done = await ProcessAsync(imageId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A stopping replica hands its row back at once; otherwise it would wait out the whole lease.
                await ReleaseAsync(imageId);
                throw;
            }
            if (!done)
            {
                break; // The Embedder is still away; the row was rescheduled with a backoff.
            }
            completed++;
        }
        return completed;
    }

    /// <summary>Leases the most overdue row (longer than one analysis can take), so replicas never work on the same one.</summary>
    private async Task<Guid?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE pending_analyses SET next_attempt_at = $1, attempts = attempts + 1
            WHERE image_id = (
                SELECT image_id FROM pending_analyses WHERE next_attempt_at <= now()
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING image_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() + options.Value.OutboxAnalyzeTimeout + Lease });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    private async Task ReleaseAsync(Guid imageId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var command = dataSource.CreateCommand("UPDATE pending_analyses SET next_attempt_at = now() WHERE image_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = imageId });
            await command.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            LogReleaseFailed(logger, imageId, ex); // The lease still runs out by itself.
        }
    }

    private async Task<bool> ProcessAsync(Guid imageId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var image = await db.Images.Include(i => i.Embeddings).FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken);
        var pending = await db.PendingAnalyses.FirstOrDefaultAsync(p => p.ImageId == imageId, cancellationToken);
        if (image is null || pending is null)
        {
            return true;
        }

        var reusable = await AnalysisStore.FindReusableAsync(db, image.OriginalSha256, cancellationToken);
        StagedAnalysis? staged = null;
        try
        {
            if (reusable is null)
            {
                await using var stream = await store.OpenReadAsync(image.OriginalSha256, cancellationToken)
                    ?? throw new InvalidOperationException($"Blob {image.OriginalSha256} of image {imageId} is missing.");
                var result = await embedder.AnalyzeAsync(stream, cancellationToken, options.Value.OutboxAnalyzeTimeout);
                if (result.Outcome is EmbedderOutcome.Unavailable or EmbedderOutcome.NotSupported)
                {
                    var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, pending.Attempts), options.Value.OutboxMaxBackoff.TotalSeconds));
                    pending.NextAttemptAt = time.GetUtcNow() + backoff;
                    pending.LastError = result.Detail;
                    await db.SaveChangesAsync(cancellationToken);
                    return false;
                }
                if (result.Outcome == EmbedderOutcome.Rejected)
                {
                    LogRejected(logger, imageId, result.Detail);
                    image.Status = AnalysisStatus.Failed;
                    db.PendingAnalyses.Remove(pending);
                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                }
                staged = await analyses.StageAsync(result.Value!, cancellationToken);
            }

            List<string> released = [];
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await BlobReferences.LockAllAsync(db, [staged?.Thumbnail.Sha256, staged?.Square.Sha256, staged?.Cutout?.Sha256,
                    image.ThumbnailSha256, image.SquareSha256, image.CutoutSha256, reusable?.ThumbnailSha256, reusable?.SquareSha256,
                    reusable?.CutoutSha256], cancellationToken);
                if (reusable is not null)
                {
                    await analyses.ReuseAsync(db, image, reusable, cancellationToken);
                }
                else
                {
                    released = await analyses.ApplyAsync(db, image, staged!, cancellationToken);
                }
                db.PendingAnalyses.Remove(pending);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            foreach (var sha in released)
            {
                await blobs.DeleteIfUnreferencedAsync(db, sha, cancellationToken);
            }
            foreach (var embedding in image.Embeddings)
            {
                index.Add(image.UserId, embedding.ModelId, image.Id, embedding.Vector);
            }
            await invalidation.ImageAddedAsync(image.UserId, image.Id, cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return true; // The image was deleted meanwhile.
        }
        finally
        {
            await analyses.DiscardAsync(staged);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not hand back queued image {ImageId} on shutdown")]
    private static partial void LogReleaseFailed(ILogger logger, Guid imageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Embedder refused queued image {ImageId}: {Detail}")]
    private static partial void LogRejected(ILogger logger, Guid imageId, string? detail);
}
