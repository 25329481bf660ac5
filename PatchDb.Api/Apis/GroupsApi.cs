using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Recognition;
using PatchDb.Api.Services;

namespace PatchDb.Api.Apis;

/// <summary>Groups of images of one design ("patches" in the list response).</summary>
public static class GroupsApi
{
    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapUserGroup();
        api.MapPost("/group", CreateGroup).WithName("CreateGroup");
        api.MapPatch("/group", AddToGroup).WithName("AddToGroup");
        api.MapDelete("/patch/{patch_id:guid}/group", RemoveFromGroup).WithName("RemoveFromGroup");
        api.MapPatch("/group/{group_id:guid}", RenameGroup).WithName("RenameGroup");
        api.MapDelete("/group/{group_id:guid}", DeleteGroup).WithName("DeleteGroup");
        api.MapPut("/group/{group_id:guid}/favorite", Favorite).WithName("FavoriteGroup");
        api.MapDelete("/group/{group_id:guid}/favorite", Unfavorite).WithName("UnfavoriteGroup");
        return app;
    }

    public static async Task<Results<Created<GroupMessageResponse>, ValidationProblem, ProblemHttpResult>> CreateGroup(
        [FromRoute(Name = "user_id")] Guid userId, CreateGroupRequest request, PatchDbContext db, IndexInvalidation invalidation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = ValidateName(request.Name, errors);
        if (request.PatchId is null)
        {
            errors["patch_id"] = ["The patch_id is required."];
        }
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }
        var image = await db.Images.FirstOrDefaultAsync(i => i.UserId == userId && i.Id == request.PatchId, cancellationToken);
        if (image is null)
        {
            return Problems.NotFound($"No patch {request.PatchId}.");
        }
        var group = new ImageGroup { Id = Guid.CreateVersion7(), UserId = userId, Name = name!, CreatedAt = time.GetUtcNow() };
        db.Groups.Add(group);
        image.GroupId = group.Id;
        await db.SaveChangesAsync(cancellationToken);
        await invalidation.MembershipChangedAsync(userId, cancellationToken);
        return TypedResults.Created($"/{userId}/group/{group.Id}",
            new GroupMessageResponse("Patch added to group", group.Id, group.Name, group.IsFavorite));
    }

    public static async Task<Results<Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> AddToGroup(
        [FromRoute(Name = "user_id")] Guid userId, AddToGroupRequest request, PatchDbContext db, IndexInvalidation invalidation,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.PatchId is null)
        {
            errors["patch_id"] = ["The patch_id is required."];
        }
        if (request.GroupId is null)
        {
            errors["group_id"] = ["The group_id is required."];
        }
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }
        var image = await db.Images.FirstOrDefaultAsync(i => i.UserId == userId && i.Id == request.PatchId, cancellationToken);
        if (image is null)
        {
            return Problems.NotFound($"No patch {request.PatchId}.");
        }
        if (!await db.Groups.AnyAsync(g => g.UserId == userId && g.Id == request.GroupId, cancellationToken))
        {
            return Problems.NotFound($"No group {request.GroupId}.");
        }
        image.GroupId = request.GroupId;
        await db.SaveChangesAsync(cancellationToken);
        await invalidation.MembershipChangedAsync(userId, cancellationToken);
        return TypedResults.Ok(new MessageResponse("Patch added to group"));
    }

    /// <summary>Back to ungrouped (the Web's undo of an automatic filing); a photo in no group stays as it is.</summary>
    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> RemoveFromGroup(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "patch_id")] Guid patchId, PatchDbContext db,
        IndexInvalidation invalidation, CancellationToken cancellationToken)
    {
        var image = await db.Images.FirstOrDefaultAsync(i => i.UserId == userId && i.Id == patchId, cancellationToken);
        if (image is null)
        {
            return Problems.NotFound($"No patch {patchId}.");
        }
        if (image.GroupId is not null)
        {
            image.GroupId = null;
            await db.SaveChangesAsync(cancellationToken);
            await invalidation.MembershipChangedAsync(userId, cancellationToken);
        }
        return TypedResults.Ok(new MessageResponse("Patch removed from group"));
    }

    public static async Task<Results<Ok<GroupMessageResponse>, ValidationProblem, ProblemHttpResult>> RenameGroup(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "group_id")] Guid groupId, RenameGroupRequest request,
        PatchDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = ValidateName(request.Name, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }
        var group = await db.Groups.FirstOrDefaultAsync(g => g.UserId == userId && g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return Problems.NotFound($"No group {groupId}.");
        }
        group.Name = name!;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new GroupMessageResponse("Group renamed", group.Id, group.Name, group.IsFavorite));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeleteGroup(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "group_id")] Guid groupId, ImageDeleter deleter,
        CancellationToken cancellationToken) =>
        await deleter.DeleteGroupAsync(userId, groupId, cancellationToken)
            ? TypedResults.Ok(new MessageResponse("Group deleted"))
            : Problems.NotFound($"No group {groupId}.");

    public static Task<Results<Ok<GroupMessageResponse>, ProblemHttpResult>> Favorite(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "group_id")] Guid groupId, PatchDbContext db,
        CancellationToken cancellationToken) => SetFavoriteAsync(userId, groupId, true, db, cancellationToken);

    public static Task<Results<Ok<GroupMessageResponse>, ProblemHttpResult>> Unfavorite(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "group_id")] Guid groupId, PatchDbContext db,
        CancellationToken cancellationToken) => SetFavoriteAsync(userId, groupId, false, db, cancellationToken);

    private static async Task<Results<Ok<GroupMessageResponse>, ProblemHttpResult>> SetFavoriteAsync(
        Guid userId, Guid groupId, bool favorite, PatchDbContext db, CancellationToken cancellationToken)
    {
        var group = await db.Groups.FirstOrDefaultAsync(g => g.UserId == userId && g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return Problems.NotFound($"No group {groupId}.");
        }
        group.IsFavorite = favorite;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new GroupMessageResponse(favorite ? "Group marked as favorite" : "Group unmarked as favorite",
            group.Id, group.Name, group.IsFavorite));
    }

    private static string? ValidateName(string? name, Dictionary<string, string[]> errors)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
        {
            errors["name"] = [$"The name must be 1 to {MaxNameLength} characters long."];
            return null;
        }
        return trimmed;
    }
}
