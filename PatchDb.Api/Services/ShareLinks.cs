using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Auth;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;

namespace PatchDb.Api.Services;

/// <summary>Finds the link behind a token and the groups it shows, evaluated at each request (a revoked link is gone,
/// the trade list follows the current copies).</summary>
public static class ShareLinks
{
    public static string ScopeName(ShareScope scope) => scope.ToString().ToLowerInvariant();

    public static ShareScope? ParseScope(string? scope) => scope switch
    {
        "collection" => ShareScope.Collection,
        "group" => ShareScope.Group,
        "trade" => ShareScope.Trade,
        _ => null,
    };

    public static async Task<ShareLink?> FindAsync(PatchDbContext db, string token, CancellationToken cancellationToken)
    {
        if (!SecretTokens.IsWellFormed(token))
        {
            return null;
        }
        var hash = SecretTokens.Hash(token);
        return await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
    }

    public static IQueryable<ImageGroup> Groups(PatchDbContext db, ShareLink link) => link.Scope switch
    {
        ShareScope.Collection => db.Groups.Where(g => g.UserId == link.UserId),
        ShareScope.Group => db.Groups.Where(g => g.UserId == link.UserId && g.Id == link.GroupId),
        ShareScope.Trade => db.Groups.Where(g => g.UserId == link.UserId && g.Copies > 1),
        _ => db.Groups.Where(_ => false),
    };

    public static string ImagePath(string token, Guid imageId, string variant) => $"/shared/{token}/images/{imageId}/{variant}";
}
