using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Recognition;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>Deletes images (and optionally their group) with their blob references, in one transaction; files whose
/// last reference went are removed after the commit.</summary>
public sealed class ImageDeleter(PatchDbContext db, BlobReferences blobs, IndexInvalidation invalidation)
{
    public async Task<bool> DeleteImageAsync(Guid userId, Guid imageId, CancellationToken cancellationToken)
    {
        var images = await db.Images.Where(i => i.UserId == userId && i.Id == imageId).ToListAsync(cancellationToken);
        if (images.Count == 0)
        {
            return false;
        }
        await DeleteAsync(userId, images, null, cancellationToken);
        return true;
    }

    public async Task<bool> DeleteGroupAsync(Guid userId, Guid groupId, CancellationToken cancellationToken)
    {
        var group = await db.Groups.Include(g => g.Images).FirstOrDefaultAsync(g => g.UserId == userId && g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return false;
        }
        await DeleteAsync(userId, group.Images, group, cancellationToken);
        return true;
    }

    private async Task DeleteAsync(Guid userId, List<Image> images, ImageGroup? group, CancellationToken cancellationToken)
    {
        List<string> released;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await BlobReferences.LockAllAsync(db,
                images.SelectMany(i => new[] { i.OriginalSha256, i.ThumbnailSha256, i.SquareSha256, i.CutoutSha256 }), cancellationToken);
            db.Images.RemoveRange(images);
            if (group is not null)
            {
                db.Groups.Remove(group);
            }
            await db.SaveChangesAsync(cancellationToken);
            var hashes = images.SelectMany(i => new[] { i.OriginalSha256, i.ThumbnailSha256, i.SquareSha256, i.CutoutSha256 })
                .OfType<string>().Order(StringComparer.Ordinal);
            released = await blobs.ReleaseAllAsync(db, hashes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await blobs.DeleteUnreferencedAsync(db, released);
        await invalidation.MembershipChangedAsync(userId, CancellationToken.None);
    }
}
