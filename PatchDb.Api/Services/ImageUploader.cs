using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Contracts;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>
/// Upload: stage the bytes while hashing → analyse (reuse a stored analysis of identical bytes, else ask the Embedder)
/// → one transaction for blob references, image, embedding (or an outbox row when the Embedder is away) → match.
/// With an Idempotency-Key the key is claimed once the bytes' hash is known, bound to the image in its transaction
/// and completed with the answer (<see cref="UploadKeys"/>).
/// </summary>
public sealed partial class ImageUploader(
    PatchDbContext db,
    IBlobStore store,
    BlobReferences blobs,
    AnalysisStore analyses,
    EmbedderClient embedder,
    EmbedderAvailability availability,
    MatchIndex index,
    ImageMatcher matcher,
    IndexInvalidation invalidation,
    UploadKeys keys,
    IOptions<JsonOptions> json,
    IOptions<StorageOptions> storageOptions,
    TimeProvider time,
    ILogger<ImageUploader> logger)
{
    public async Task<UploadOutcome> UploadAsync(Guid userId, Stream content, string? idempotencyKey, CancellationToken cancellationToken)
    {
        StagedBlob original;
        try
        {
            original = await store.StageAsync(content, storageOptions.Value.MaxUploadBytes, cancellationToken);
        }
        catch (BlobTooLargeException ex)
        {
            return UploadOutcome.Problem(StatusCodes.Status413PayloadTooLarge, "Image too large",
                $"The image is larger than the limit of {ex.MaxBytes} bytes.");
        }

        StagedAnalysis? staged = null;
        var claimed = false;
        var bound = false;
        try
        {
            string? contentType;
            await using (var stream = await store.OpenStagedAsync(original, cancellationToken))
            {
                contentType = await ImageSniffer.ContentTypeAsync(stream, cancellationToken);
            }
            if (original.Length == 0 || contentType is null)
            {
                return UploadOutcome.Problem(StatusCodes.Status415UnsupportedMediaType, "Not an image",
                    "The uploaded file is not an image in a supported format.");
            }
            if (idempotencyKey is not null)
            {
                var claim = await keys.ClaimAsync(userId, idempotencyKey, original.Sha256, cancellationToken);
                if (claim.State != UploadKeyState.Claimed)
                {
                    return await AnswerExistingAsync(userId, claim, cancellationToken);
                }
                claimed = true;
            }

            var reusable = await AnalysisStore.FindReusableAsync(db, original.Sha256, cancellationToken);
            if (reusable is null && !availability.IsPresumedDown)
            {
                EmbedderResult<AnalysisResponse> result;
                await using (var stream = await store.OpenStagedAsync(original, cancellationToken))
                {
                    result = await embedder.AnalyzeAsync(stream, cancellationToken);
                }
                if (result.Outcome == EmbedderOutcome.Rejected)
                {
                    return UploadOutcome.Problem(result.StatusCode!.Value, "Image refused", result.Detail ?? "The image cannot be analysed.");
                }
                if (result.Outcome == EmbedderOutcome.Success)
                {
                    staged = await analyses.StageAsync(result.Value!, cancellationToken);
                }
                else
                {
                    LogEmbedderUnavailable(logger, result.Detail);
                }
            }

            var image = new Image
            {
                Id = Guid.CreateVersion7(),
                UserId = userId,
                OriginalSha256 = original.Sha256,
                Status = AnalysisStatus.Pending,
                CreatedAt = time.GetUtcNow(),
            };
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await BlobReferences.LockAllAsync(db,
                    [original.Sha256, staged?.Thumbnail.Sha256, staged?.Square.Sha256, staged?.Cutout?.Sha256, reusable?.ThumbnailSha256,
                        reusable?.SquareSha256, reusable?.CutoutSha256],
                    cancellationToken);
                await blobs.AddReferenceAsync(db, original, contentType, cancellationToken);
                db.Images.Add(image);
                if (reusable is not null)
                {
                    await analyses.ReuseAsync(db, image, reusable, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
                else if (staged is not null)
                {
                    await analyses.ApplyAsync(db, image, staged, cancellationToken);
                }
                else
                {
                    db.PendingAnalyses.Add(new PendingAnalysis { ImageId = image.Id, NextAttemptAt = time.GetUtcNow(), CreatedAt = time.GetUtcNow() });
                    await db.SaveChangesAsync(cancellationToken);
                }
                if (idempotencyKey is not null)
                {
                    await keys.BindAsync(userId, idempotencyKey, image.Id, cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                bound = true;
            }

            var response = image.Status != AnalysisStatus.Analyzed
                ? UploadResponse.Unmatched(new ImageRefResponse(image.Id, ImagePaths.Original(userId, image.Id)), "pending")
                : await MatchAndIndexAsync(userId, image, cancellationToken);
            if (idempotencyKey is not null)
            {
                await keys.CompleteAsync(userId, idempotencyKey, JsonSerializer.Serialize(response, json.Value.SerializerOptions), cancellationToken);
            }
            return new UploadOutcome(response);
        }
        finally
        {
            if (claimed && !bound)
            {
                await keys.ReleaseAsync(userId, idempotencyKey!);
            }
            await store.DiscardAsync(original);
            await analyses.DiscardAsync(staged);
        }
    }

    private async Task<UploadOutcome> AnswerExistingAsync(Guid userId, UploadKeyClaim claim, CancellationToken cancellationToken)
    {
        switch (claim.State)
        {
            case UploadKeyState.Mismatch:
                return UploadOutcome.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used for another photo; use a new key for each photo.");
            case UploadKeyState.InFlight:
                return UploadOutcome.Problem(StatusCodes.Status409Conflict, "Upload in progress",
                    "An upload with this Idempotency-Key is still in progress; retry after a moment for its answer.");
        }
        if (claim.Response is not null)
        {
            return new UploadOutcome(JsonSerializer.Deserialize<UploadResponse>(claim.Response, json.Value.SerializerOptions), Replayed: true);
        }
        // Stored, but the first request has not answered (yet, or it failed after the commit): today's answer for it.
        var image = await db.Images.AsNoTracking().Include(i => i.Embeddings)
            .FirstOrDefaultAsync(i => i.UserId == userId && i.Id == claim.ImageId, cancellationToken);
        // Deleted meanwhile (its key goes with it): the client retries and stores the photo again.
        return image is null
            ? UploadOutcome.Problem(StatusCodes.Status409Conflict, "Upload in progress", "The upload with this Idempotency-Key changed meanwhile; retry.")
            : new UploadOutcome(await matcher.MatchAsync(db, image, cancellationToken), Replayed: true);
    }

    private async Task<UploadResponse> MatchAndIndexAsync(Guid userId, Image image, CancellationToken cancellationToken)
    {
        var response = await matcher.MatchAsync(db, image, cancellationToken);
        foreach (var embedding in image.Embeddings)
        {
            index.Add(userId, embedding.ModelId, image.Id, embedding.Vector);
        }
        await invalidation.ImageAddedAsync(userId, image.Id, cancellationToken);
        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedder unavailable, upload queued for analysis: {Detail}")]
    private static partial void LogEmbedderUnavailable(ILogger logger, string? detail);
}
