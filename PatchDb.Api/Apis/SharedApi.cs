using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Services;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Apis;

/// <summary>
/// <c>/shared/{token}</c>: what a share link shows, to anyone holding it, without an account. Only the shared groups,
/// and of their photos only the derived thumbnail and square, with their EXIF/XMP chunks removed (no camera or GPS
/// data leaves through a link; originals never do). Unknown and revoked tokens, other groups' images and originals all answer the same 404.
/// </summary>
public static class SharedApi
{
    private const int MaxDerivativeBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSharedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/shared/{token}").AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", GetShared).WithName("GetShared");
        api.MapGet("/images/{image_id:guid}/{variant}", GetSharedImage).WithName("GetSharedImage");
        return app;
    }

    public static async Task<Results<Ok<SharedCollectionResponse>, ProblemHttpResult>> GetShared([FromRoute] string token,
        PatchDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var link = await ShareLinks.FindAsync(db, token, cancellationToken);
        if (link is null)
        {
            return NotShared();
        }
        var groups = await ShareLinks.Groups(db, link).AsNoTracking().OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.Name,
                g.Copies,
                Cover = g.Images.Where(i => i.SquareSha256 != null).OrderBy(i => i.CreatedAt).Select(i => (Guid?)i.Id).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var username = await db.Users.Where(u => u.Id == link.UserId).Select(u => u.Username).FirstAsync(cancellationToken);
        await db.ShareLinks.Where(s => s.Id == link.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastOpenedAt, time.GetUtcNow()), cancellationToken);
        NoLeaks(http);
        return TypedResults.Ok(new SharedCollectionResponse(username, ShareLinks.ScopeName(link.Scope),
            [.. groups.Select(g => new SharedGroupResponse(g.Name, g.Copies, g.Copies - 1,
                g.Cover is { } cover ? ShareLinks.ImagePath(token, cover, ImagePaths.Square) : null))]));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetSharedImage([FromRoute] string token,
        [FromRoute(Name = "image_id")] Guid imageId, [FromRoute] string variant, PatchDbContext db, IBlobStore store, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (variant is not (ImagePaths.Thumbnail or ImagePaths.Square) || await ShareLinks.FindAsync(db, token, cancellationToken) is not { } link)
        {
            return NotShared();
        }
        var sha = await ShareLinks.Groups(db, link).SelectMany(g => g.Images).Where(i => i.Id == imageId)
            .Select(i => variant == ImagePaths.Thumbnail ? i.ThumbnailSha256 : i.SquareSha256)
            .FirstOrDefaultAsync(cancellationToken);
        // No derivative yet: the original is never served in its place here, it may carry EXIF/GPS.
        if (sha is null || await store.OpenReadAsync(sha, cancellationToken) is not { } stream)
        {
            return NotShared();
        }
        byte[] bytes;
        await using (stream)
        {
            // Derivatives are small (at most 512 px); anything else is not served.
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.Length <= MaxDerivativeBytes ? buffer.ToArray() : [];
        }
        if (WebpMetadata.Strip(bytes) is not { } clean)
        {
            return NotShared();
        }
        NoLeaks(http);
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return TypedResults.File(clean, "image/webp");
    }

    // The token is in the URL: keep it out of Referer headers and shared caches; a revoked link stops at once.
    private static void NoLeaks(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static ProblemHttpResult NotShared() => Problems.NotFound("No such share link, or nothing of it here.");
}
