using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Recognition;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>Deletes a user with everything they own in one transaction: images (with their embeddings, features and
/// queued analyses), groups, share links, refresh tokens and their blob references. Files whose last reference went
/// are removed after the commit; blobs another user also references stay.</summary>
public sealed class AccountDeleter(PatchDbContext db, BlobReferences blobs, IndexInvalidation invalidation)
{
    public async Task DeleteAsync(Guid userId, CancellationToken cancellationToken)
    {
        List<string> released;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var hashes = (await db.Images.Where(i => i.UserId == userId)
                    .Select(i => new { i.OriginalSha256, i.ThumbnailSha256, i.SquareSha256, i.CutoutSha256 })
                    .ToListAsync(cancellationToken))
                .SelectMany(i => new[] { i.OriginalSha256, i.ThumbnailSha256, i.SquareSha256, i.CutoutSha256 })
                .OfType<string>().Order(StringComparer.Ordinal).ToList();
            await BlobReferences.LockAllAsync(db, hashes, cancellationToken);
            // Children first: images refuse a silent cascade from their group.
            await db.Images.Where(i => i.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.ShareLinks.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.Groups.Where(g => g.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.RefreshTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);
            released = await blobs.ReleaseAllAsync(db, hashes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await blobs.DeleteUnreferencedAsync(db, released);
        await invalidation.MembershipChangedAsync(userId, CancellationToken.None);
    }
}
