using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Auth;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Services;

namespace PatchDb.Api.Apis;

/// <summary>The collector's own share links: create, list, revoke. What a link shows is in <see cref="SharedApi"/>.</summary>
public static class SharesApi
{
    public static IEndpointRouteBuilder MapSharesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapUserGroup();
        api.MapPost("/shares", CreateShare).WithName("CreateShare");
        api.MapGet("/shares", ListShares).WithName("ListShares");
        api.MapDelete("/shares/{share_id:guid}", RevokeShare).WithName("RevokeShare");
        app.MapSharedApi();
        return app;
    }

    public static async Task<Results<Created<CreatedShareResponse>, ValidationProblem, ProblemHttpResult>> CreateShare(
        [FromRoute(Name = "user_id")] Guid userId, CreateShareRequest request, PatchDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var scope = ShareLinks.ParseScope(request.Scope);
        if (scope is null)
        {
            return Problems.Invalid("scope", "The scope must be 'collection', 'group' or 'trade'.");
        }
        if ((scope == ShareScope.Group) != (request.GroupId is not null))
        {
            return Problems.Invalid("group_id", "A group_id is required for the scope 'group', and only for it.");
        }
        if (scope == ShareScope.Group && !await db.Groups.AnyAsync(g => g.UserId == userId && g.Id == request.GroupId, cancellationToken))
        {
            return Problems.NotFound($"No group {request.GroupId}.");
        }
        var token = SecretTokens.New();
        var link = new ShareLink
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Scope = scope.Value,
            GroupId = request.GroupId,
            TokenHash = SecretTokens.Hash(token),
            CreatedAt = time.GetUtcNow(),
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var path = $"/shared/{token}";
        return TypedResults.Created(path,
            new CreatedShareResponse(link.Id, token, path, ShareLinks.ScopeName(link.Scope), link.GroupId, link.CreatedAt));
    }

    public static async Task<Ok<List<ShareLinkResponse>>> ListShares([FromRoute(Name = "user_id")] Guid userId, PatchDbContext db,
        CancellationToken cancellationToken)
    {
        var links = await db.ShareLinks.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new
            {
                s.Id,
                s.Scope,
                s.GroupId,
                GroupName = db.Groups.Where(g => g.Id == s.GroupId).Select(g => g.Name).FirstOrDefault(),
                s.CreatedAt,
                s.LastOpenedAt,
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(links.Select(s => new ShareLinkResponse(s.Id, ShareLinks.ScopeName(s.Scope), s.GroupId, s.GroupName,
            s.CreatedAt, s.LastOpenedAt)).ToList());
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RevokeShare([FromRoute(Name = "user_id")] Guid userId,
        [FromRoute(Name = "share_id")] Guid shareId, PatchDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.ShareLinks.Where(s => s.UserId == userId && s.Id == shareId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound($"No share link {shareId}.") : TypedResults.Ok(new MessageResponse("Share link revoked"));
    }
}
