using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;

namespace PatchDb.Api.Auth;

/// <summary>Refresh tokens: issued at sign-in, rotated on every use (30-day sliding lifetime), and a reused token
/// revokes its whole family, since only a stolen copy can be presented after its rotation.</summary>
public sealed class RefreshTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public async Task<string> IssueAsync(PatchDbContext db, Guid userId, Guid familyId, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New();
        var now = time.GetUtcNow();
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            FamilyId = familyId,
            TokenHash = SecretTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<RefreshOutcome> RotateAsync(PatchDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!SecretTokens.IsWellFormed(token))
        {
            return RefreshOutcome.Refused;
        }
        var hash = SecretTokens.Hash(token!);
        var now = time.GetUtcNow();
        var row = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt <= now)
        {
            return RefreshOutcome.Refused;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claims the token atomically: of two concurrent uses exactly one wins, the other counts as a replay.
        var claimed = await db.RefreshTokens.Where(t => t.Id == row.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(db, row.FamilyId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return RefreshOutcome.Refused with { Reused = true };
        }
        var username = await db.Users.Where(u => u.Id == row.UserId).Select(u => u.Username).FirstAsync(cancellationToken);
        var next = await IssueAsync(db, row.UserId, row.FamilyId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RefreshOutcome(row.UserId, username, next, false);
    }

    /// <summary>Ends the sign-in the token belongs to (sign-out). Unknown tokens are ignored.</summary>
    public async Task RevokeAsync(PatchDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!SecretTokens.IsWellFormed(token))
        {
            return;
        }
        var hash = SecretTokens.Hash(token!);
        var family = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
        if (family is not null)
        {
            await RevokeFamilyAsync(db, family.Value, cancellationToken);
        }
    }

    private Task<int> RevokeFamilyAsync(PatchDbContext db, Guid familyId, CancellationToken cancellationToken) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, time.GetUtcNow()), cancellationToken);
}
