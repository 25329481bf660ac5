using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Services;

namespace PatchDb.Api.Apis;

/// <summary>Copies and spares of a group, the collection's export (CSV and ZIP), and account deletion.</summary>
public static class CollectionApi
{
    public static IEndpointRouteBuilder MapCollectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapUserGroup();
        api.MapPut("/group/{group_id:guid}/copies", SetCopies).WithName("SetCopies");
        api.MapGet("/export/csv", ExportCsv).WithName("ExportCsv");
        api.MapGet("/export/zip", ExportZip).WithName("ExportZip");
        api.MapDelete("/account", DeleteAccount).WithName("DeleteAccount");
        return app;
    }

    public static async Task<Results<Ok<CopiesResponse>, ValidationProblem, ProblemHttpResult>> SetCopies(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "group_id")] Guid groupId, SetCopiesRequest request,
        PatchDbContext db, CancellationToken cancellationToken)
    {
        if (request.Copies is not (>= 1 and <= ImageGroup.MaxCopies))
        {
            return Problems.Invalid("copies", $"The copies must be a whole number from 1 to {ImageGroup.MaxCopies}.");
        }
        var updated = await db.Groups.Where(g => g.UserId == userId && g.Id == groupId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Copies, request.Copies.Value), cancellationToken);
        return updated == 0
            ? Problems.NotFound($"No group {groupId}.")
            : TypedResults.Ok(new CopiesResponse(groupId, request.Copies.Value, request.Copies.Value - 1));
    }

    public static PushStreamHttpResult ExportCsv([FromRoute(Name = "user_id")] Guid userId, PatchDbContext db, HttpContext http) =>
        TypedResults.Stream(body => CollectionExport.WriteCsvAsync(db, userId, body, http.RequestAborted),
            "text/csv; charset=utf-8", "patchdb-collection.csv");

    public static PushStreamHttpResult ExportZip([FromRoute(Name = "user_id")] Guid userId, PatchDbContext db,
        Storage.IBlobStore store, HttpContext http)
    {
        // Some of ZipArchive's writes on a non-seekable stream stay synchronous even through its async API (seen on
        // .NET 10: Kestrel then aborts the response); allowed for this response only. Each entry is still streamed.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } control)
        {
            control.AllowSynchronousIO = true;
        }
        return TypedResults.Stream(body => CollectionExport.WriteZipAsync(db, store, userId, body, http.RequestAborted),
            "application/zip", "patchdb-photos.zip");
    }

    public static async Task<Ok<MessageResponse>> DeleteAccount([FromRoute(Name = "user_id")] Guid userId, AccountDeleter deleter,
        CancellationToken cancellationToken)
    {
        await deleter.DeleteAsync(userId, cancellationToken);
        return TypedResults.Ok(new MessageResponse("Account deleted"));
    }
}
