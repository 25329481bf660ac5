using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;

namespace PatchDb.Api.Apis;

/// <summary>"Not this one": a suggested group the collector rejected for a photo is never proposed for it again.</summary>
public static class RejectionsApi
{
    public static IEndpointRouteBuilder MapRejectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapUserGroup();
        api.MapPost("/patch/{patch_id:guid}/rejections", Reject).WithName("RejectGroup");
        api.MapDelete("/patch/{patch_id:guid}/rejections/{group_id:guid}", Unreject).WithName("UnrejectGroup");
        return app;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Reject(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "patch_id")] Guid patchId, RejectionRequest request,
        PatchDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.GroupId is not { } groupId)
        {
            return Problems.Invalid("group_id", "The group_id is required.");
        }
        if (await MissingAsync(db, userId, patchId, groupId, cancellationToken) is { } missing)
        {
            return missing;
        }
        // Rejecting twice is one rejection: a retried click must not fail.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO rejections (image_id, group_id, created_at) VALUES ({patchId}, {groupId}, {time.GetUtcNow()})
            ON CONFLICT (image_id, group_id) DO NOTHING
            """, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Unreject(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "patch_id")] Guid patchId, [FromRoute(Name = "group_id")] Guid groupId,
        PatchDbContext db, CancellationToken cancellationToken)
    {
        if (await MissingAsync(db, userId, patchId, groupId, cancellationToken) is { } missing)
        {
            return missing;
        }
        await db.Rejections.Where(r => r.ImageId == patchId && r.GroupId == groupId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> MissingAsync(PatchDbContext db, Guid userId, Guid patchId, Guid groupId,
        CancellationToken cancellationToken)
    {
        if (!await db.Images.AnyAsync(i => i.UserId == userId && i.Id == patchId, cancellationToken))
        {
            return Problems.NotFound($"No patch {patchId}.");
        }
        return await db.Groups.AnyAsync(g => g.UserId == userId && g.Id == groupId, cancellationToken)
            ? null
            : Problems.NotFound($"No group {groupId}.");
    }
}
