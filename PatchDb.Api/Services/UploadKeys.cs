using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;

namespace PatchDb.Api.Services;

/// <summary>
/// Idempotent uploads across replicas, kept in Postgres. The key is claimed (inserted, committed) before the image is
/// stored, so of two racing requests exactly one stores; the other finds the claim. The claim is bound to the image in
/// the image's transaction, then the answer is added. A claim that never got its image (the request failed) is
/// released; one whose replica died is taken over after <see cref="IdempotencyOptions.AbandonedAfter"/>.
/// </summary>
public sealed class UploadKeys(PatchDbContext db, IOptions<IdempotencyOptions> options, TimeProvider time)
{
    public async Task<UploadKeyClaim> ClaimAsync(Guid userId, string key, string sha256, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = now - options.Value.Retention;
        var abandoned = now - options.Value.AbandonedAfter;
        // The row may go between a refused insert and the read (its owner released it): then try again.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await db.UploadKeys
                .Where(k => k.UserId == userId && k.Key == key && (k.CreatedAt < expired || (k.ImageId == null && k.CreatedAt < abandoned)))
                .ExecuteDeleteAsync(cancellationToken);
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO upload_keys (user_id, key, request_sha256, created_at) VALUES ({userId}, {key}, {sha256}, {now})
                ON CONFLICT (user_id, key) DO NOTHING
                """, cancellationToken);
            if (inserted == 1)
            {
                return new UploadKeyClaim(UploadKeyState.Claimed);
            }
            var existing = await db.UploadKeys.AsNoTracking()
                .FirstOrDefaultAsync(k => k.UserId == userId && k.Key == key, cancellationToken);
            if (existing is not null)
            {
                return existing.RequestSha256 != sha256 ? new UploadKeyClaim(UploadKeyState.Mismatch)
                    : existing.ImageId is null ? new UploadKeyClaim(UploadKeyState.InFlight)
                    : new UploadKeyClaim(UploadKeyState.Completed, existing.ImageId, existing.Response);
            }
        }
        return new UploadKeyClaim(UploadKeyState.InFlight);
    }

    /// <summary>Inside the transaction that stores the image: from its commit on, retries answer with this image.</summary>
    public Task BindAsync(Guid userId, string key, Guid imageId, CancellationToken cancellationToken) =>
        db.UploadKeys.Where(k => k.UserId == userId && k.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ImageId, imageId), cancellationToken);

    public Task CompleteAsync(Guid userId, string key, string response, CancellationToken cancellationToken) =>
        db.UploadKeys.Where(k => k.UserId == userId && k.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.Response, response), cancellationToken);

    /// <summary>The request stored nothing (refused image, error): a retry may try again.</summary>
    public Task ReleaseAsync(Guid userId, string key) =>
        db.UploadKeys.Where(k => k.UserId == userId && k.Key == key && k.ImageId == null).ExecuteDeleteAsync(CancellationToken.None);

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = time.GetUtcNow() - options.Value.Retention;
        return db.UploadKeys.Where(k => k.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);
    }
}
