using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Options;
using PatchDb.Api.Services;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Apis;

/// <summary>The bytes behind every <c>path</c>: the original, its 128 px thumbnail, its 512 px square and its cut-out
/// (the patch alone, rectified, transparent around it; only when its segmentation is confident).</summary>
public static class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapUserGroup();
        api.MapGet("/images/{image_id:guid}", GetOriginal).WithName("GetImage");
        api.MapGet("/images/{image_id:guid}/{variant}", GetImage).WithName("GetImageVariant");
        return app;
    }

    public static Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetOriginal(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "image_id")] Guid imageId,
        HttpContext http, PatchDbContext db, IBlobStore store, IOptions<CutoutOptions> cutouts, CancellationToken cancellationToken) =>
        GetImage(userId, imageId, null, http, db, store, cutouts, cancellationToken);

    public static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetImage(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "image_id")] Guid imageId, [FromRoute(Name = "variant")] string? variant,
        HttpContext http, PatchDbContext db, IBlobStore store, IOptions<CutoutOptions> cutouts, CancellationToken cancellationToken)
    {
        if (variant is not (null or ImagePaths.Thumbnail or ImagePaths.Square or ImagePaths.Cutout))
        {
            return Problems.NotFound(
                $"No image variant '{variant}'; use '{ImagePaths.Thumbnail}', '{ImagePaths.Square}' or '{ImagePaths.Cutout}'.");
        }
        var image = await db.Images.AsNoTracking().Where(i => i.UserId == userId && i.Id == imageId)
            .Select(i => new { i.OriginalSha256, i.ThumbnailSha256, i.SquareSha256, i.CutoutSha256, i.CutoutConfidence })
            .FirstOrDefaultAsync(cancellationToken);
        if (image is null)
        {
            return Problems.NotFound($"No patch {imageId}.");
        }
        // No fallback for a cut-out: the client shows the square instead, and must be able to tell.
        if (variant == ImagePaths.Cutout && !(image.CutoutSha256 is not null && image.CutoutConfidence >= cutouts.Value.MinConfidence))
        {
            return Problems.NotFound($"Patch {imageId} has no confident cut-out; use its '{ImagePaths.Square}'.");
        }
        // Until the analysis is done the derivatives do not exist: serve the original meanwhile.
        var (sha, contentType) = variant switch
        {
            ImagePaths.Thumbnail when image.ThumbnailSha256 is not null => (image.ThumbnailSha256, "image/webp"),
            ImagePaths.Square when image.SquareSha256 is not null => (image.SquareSha256, "image/webp"),
            ImagePaths.Cutout => (image.CutoutSha256!, "image/webp"),
            _ => (image.OriginalSha256, (string?)null),
        };
        contentType ??= await db.Blobs.Where(b => b.Sha256 == sha).Select(b => b.ContentType).FirstOrDefaultAsync(cancellationToken)
            ?? "application/octet-stream";

        var etag = new EntityTagHeaderValue($"\"{sha}\"");
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ETag = etag.ToString();
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
            && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var stream = await store.OpenReadAsync(sha, cancellationToken);
        if (stream is null)
        {
            return Problems.NotFound($"The bytes of patch {imageId} are missing.");
        }
        return TypedResults.Stream(stream, contentType);
    }
}
