using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Infrastructure;

namespace PatchDb.Api.Storage;

/// <summary>
/// Reference counting of blobs in Postgres. Every change of a hash's row or file happens under a transaction-scoped
/// advisory lock on that hash, so publishing a file, counting a reference and deleting the last copy never interleave.
/// A file without a row is invisible and is removed by <see cref="BlobSweeper"/>; a row always has its file.
/// </summary>
public sealed class BlobReferences(IBlobStore store)
{
    // Namespace of the two-key advisory locks ("PDBB"); the second key is Postgres' hash of the hex digest.
    private const int LockNamespace = 0x50444242;

    /// <summary>Adds one reference inside the caller's transaction, publishing the staged bytes if they are new.</summary>
    public async Task AddReferenceAsync(PatchDbContext db, StagedBlob staged, string contentType, CancellationToken cancellationToken)
    {
        await LockAsync(db, staged.Sha256, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO blobs (sha256, length, content_type, reference_count, created_at)
            VALUES ({staged.Sha256}, {staged.Length}, {contentType}, 1, now())
            ON CONFLICT (sha256) DO UPDATE SET reference_count = blobs.reference_count + 1
            """,
            cancellationToken);
        await store.CommitAsync(staged, cancellationToken);
    }

    /// <summary>Adds one reference to bytes that are already stored (reuse of a previous analysis).</summary>
    public async Task AddExistingReferenceAsync(PatchDbContext db, string sha256, CancellationToken cancellationToken)
    {
        await LockAsync(db, sha256, cancellationToken);
        var updated = await db.Database.ExecuteSqlAsync(
            $"UPDATE blobs SET reference_count = reference_count + 1 WHERE sha256 = {sha256}", cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Blob {sha256} is not stored.");
        }
    }

    /// <summary>Drops one reference inside the caller's transaction (after the referencing rows are deleted).
    /// Returns true when it was the last one: call <see cref="DeleteIfUnreferencedAsync"/> after the commit.</summary>
    public async Task<bool> ReleaseAsync(PatchDbContext db, string sha256, CancellationToken cancellationToken)
    {
        await LockAsync(db, sha256, cancellationToken);
        var deleted = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM blobs WHERE sha256 = {sha256} AND reference_count = 1", cancellationToken);
        if (deleted == 1)
        {
            return true;
        }
        await db.Database.ExecuteSqlAsync(
            $"UPDATE blobs SET reference_count = reference_count - 1 WHERE sha256 = {sha256}", cancellationToken);
        return false;
    }

    /// <summary>Drops one reference per hash (<see cref="ReleaseAsync"/>); the hashes whose last reference went.</summary>
    public async Task<List<string>> ReleaseAllAsync(PatchDbContext db, IEnumerable<string> hashes, CancellationToken cancellationToken)
    {
        var released = new List<string>();
        foreach (var sha in hashes)
        {
            if (await ReleaseAsync(db, sha, cancellationToken))
            {
                released.Add(sha);
            }
        }
        return released;
    }

    /// <summary>After the commit that released them: the files nobody references any more are deleted. Not cancelled,
    /// since the rows are already gone; a file left behind by a crash here is the sweep's.</summary>
    public async Task DeleteUnreferencedAsync(PatchDbContext db, IEnumerable<string> released)
    {
        foreach (var sha in released.Distinct())
        {
            await DeleteIfUnreferencedAsync(db, sha, CancellationToken.None);
        }
    }

    /// <summary>Deletes the file when no row references it (its own transaction, so a new upload cannot slip in).</summary>
    public async Task<bool> DeleteIfUnreferencedAsync(PatchDbContext db, string sha256, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, sha256, cancellationToken);
        var referenced = await db.Blobs.AnyAsync(b => b.Sha256 == sha256, cancellationToken);
        if (!referenced)
        {
            await store.DeleteAsync(sha256, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return !referenced;
    }

    /// <summary>Takes the locks of several hashes in one global order up front, so two transactions touching the same
    /// hashes cannot deadlock (the later per-hash locks of this transaction are then re-entrant no-ops).</summary>
    public static async Task LockAllAsync(PatchDbContext db, IEnumerable<string?> hashes, CancellationToken cancellationToken)
    {
        foreach (var sha in hashes.OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            await LockAsync(db, sha, cancellationToken);
        }
    }

    private static Task LockAsync(PatchDbContext db, string sha256, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, hashtext({sha256}))", cancellationToken);
}
