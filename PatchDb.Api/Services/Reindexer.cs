using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>Re-embeds every image with the Embedder's active model (after a model change), or that lacks one of the
/// configured auxiliary embeddings (after one was turned on). Resumable: images that already have an embedding of the
/// active model, each configured auxiliary one and local features are skipped. Embeddings of other models are dropped per image.</summary>
public sealed partial class Reindexer(
    IOptions<RecognitionOptions> options,
    PatchDbContext db,
    IBlobStore store,
    BlobReferences blobs,
    AnalysisStore analyses,
    EmbedderClient embedder,
    IndexInvalidation invalidation,
    ILogger<Reindexer> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var model = await embedder.GetModelAsync(cancellationToken);
        if (model.Outcome != EmbedderOutcome.Success)
        {
            throw new InvalidOperationException($"The Embedder is not available: {model.Detail}");
        }
        var modelId = model.Value!.ModelId;
        var auxiliary = options.Value.AuxiliaryModels.Distinct().ToList();
        var todo = await db.Images.AsNoTracking()
            .Where(i => i.Status != AnalysisStatus.Failed
                && (!i.Embeddings.Any(e => e.ModelId == modelId) || !db.LocalFeatures.Any(f => f.ImageId == i.Id)
                    || i.Embeddings.Count(e => auxiliary.Contains(e.ModelId)) < auxiliary.Count
                    // Analysed before cut-outs, or before patch regions, existed.
                    || i.CutoutConfidence == null || i.PatchBox == null))
            .OrderBy(i => i.UserId).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.UserId })
            .ToListAsync(cancellationToken);
        LogStart(logger, todo.Count, modelId);
        var done = 0;
        foreach (var user in todo.GroupBy(i => i.UserId))
        {
            foreach (var item in user)
            {
                if (await ReindexAsync(item.Id, modelId, cancellationToken))
                {
                    done++;
                }
            }
            await invalidation.InvalidateAsync(user.Key, cancellationToken);
        }
        LogDone(logger, done, todo.Count);
        return done;
    }

    private async Task<bool> ReindexAsync(Guid imageId, string modelId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var image = await db.Images.Include(i => i.Embeddings).FirstOrDefaultAsync(i => i.Id == imageId, cancellationToken);
        await using var stream = image is null ? null : await store.OpenReadAsync(image.OriginalSha256, cancellationToken);
        if (image is null || stream is null)
        {
            return false;
        }
        var result = await embedder.AnalyzeAsync(stream, cancellationToken);
        if (result.Outcome != EmbedderOutcome.Success || result.Value!.ModelId != modelId)
        {
            LogFailed(logger, imageId, result.Detail ?? "model changed during the re-index");
            return false;
        }
        var staged = await analyses.StageAsync(result.Value, cancellationToken);
        try
        {
            List<string> released;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await BlobReferences.LockAllAsync(db,
                    [staged.Thumbnail.Sha256, staged.Square.Sha256, staged.Cutout?.Sha256, image.ThumbnailSha256, image.SquareSha256,
                        image.CutoutSha256], cancellationToken);
                released = await analyses.ApplyAsync(db, image, staged, cancellationToken);
                var kept = analyses.KeptAuxiliary(result.Value).Select(a => a.ModelId).Append(modelId).ToHashSet();
                db.Embeddings.RemoveRange(image.Embeddings.Where(e => !kept.Contains(e.ModelId)));
                db.PendingAnalyses.RemoveRange(db.PendingAnalyses.Where(p => p.ImageId == imageId));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            foreach (var sha in released)
            {
                await blobs.DeleteIfUnreferencedAsync(db, sha, cancellationToken);
            }
            return true;
        }
        finally
        {
            await analyses.DiscardAsync(staged);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-indexing {Count} images with model {ModelId}")]
    private static partial void LogStart(ILogger logger, int count, string modelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-indexed {Done} of {Count} images")]
    private static partial void LogDone(ILogger logger, int done, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-index image {ImageId}: {Detail}")]
    private static partial void LogFailed(ILogger logger, Guid imageId, string detail);
}
