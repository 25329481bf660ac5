using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Infrastructure.EntityConfigurations;
using PatchDb.Api.Options;
using PatchDb.Api.Services;

namespace PatchDb.Api.Apis;

/// <summary>Uploads ("patches" on the wire are images), the list of groups and images, and image deletion.</summary>
public static class PatchesApi
{
    public const string UploadRateLimitPolicy = "upload";
    public const string ImageField = "image";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const long MultipartOverheadBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapPatchesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapUserGroup();
        api.MapPost("/upload", Upload).WithName("Upload").RequireRateLimiting(UploadRateLimitPolicy).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/patches", List).WithName("ListPatches");
        api.MapGet("/patch/{patch_id:guid}", GetPatch).WithName("GetPatch");
        api.MapDelete("/patch/{patch_id:guid}", DeletePatch).WithName("DeletePatch");
        return app;
    }

    public static async Task<Results<Created<UploadResponse>, ProblemHttpResult, ValidationProblem>> Upload(
        [FromRoute(Name = "user_id")] Guid userId, HttpContext http, ImageUploader uploader, IOptions<StorageOptions> storage,
        CancellationToken cancellationToken)
    {
        // The uploader enforces the image size cap while streaming; the whole body may add some multipart overhead.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = storage.Value.MaxUploadBytes + MultipartOverheadBytes;
        }
        var boundary = http.Request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return Problems.Invalid(ImageField, "Send the image as multipart/form-data in the field 'image'.");
        }
        string? idempotencyKey = null;
        if (http.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var keys))
        {
            idempotencyKey = keys.Count == 1 ? keys[0] : null;
            if (!IsValidKey(idempotencyKey))
            {
                return Problems.Invalid(IdempotencyKeyHeader,
                    $"Send one Idempotency-Key of 1 to {UploadKeyConfiguration.MaxKeyLength} printable ASCII characters.");
            }
        }
        var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = null };
        while (await NextSectionAsync(reader, cancellationToken) is { } section)
        {
            if (section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition()
                && disposition.Name.Value == ImageField)
            {
                UploadOutcome outcome;
                try
                {
                    outcome = await uploader.UploadAsync(userId, section.Body, idempotencyKey, cancellationToken);
                }
                catch (InvalidDataException)
                {
                    return Problems.Invalid(ImageField, "The multipart body is malformed.");
                }
                if (outcome.Response is null)
                {
                    if (outcome.ProblemStatus == StatusCodes.Status409Conflict)
                    {
                        http.Response.Headers.RetryAfter = "1";
                    }
                    return Problems.Status(outcome.ProblemStatus, outcome.ProblemTitle!, outcome.ProblemDetail!);
                }
                if (outcome.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }
                return TypedResults.Created(outcome.Response.Patch.Path, outcome.Response);
            }
        }
        return Problems.Invalid(ImageField, "No file in the multipart field 'image'.");
    }

    // Visible ASCII and spaces: the key is stored and compared as given (UUIDs, ULIDs, base64 all fit).
    private static bool IsValidKey(string? key) =>
        !string.IsNullOrWhiteSpace(key) && key.Length <= UploadKeyConfiguration.MaxKeyLength && key.All(c => c is >= ' ' and <= '~');

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return null; // Malformed multipart: answered like a missing file.
        }
    }

    public static async Task<Ok<PatchListResponse>> List([FromRoute(Name = "user_id")] Guid userId, PatchDbContext db,
        IOptions<CutoutOptions> cutouts, CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().Where(g => g.UserId == userId)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.Id, g.Name, g.IsFavorite, g.Copies,
                Images = g.Images.OrderBy(i => i.CreatedAt).Select(i => new { i.Id, i.CutoutSha256, i.CutoutConfidence }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ungrouped = await db.Images.AsNoTracking().Where(i => i.UserId == userId && i.GroupId == null)
            .OrderBy(i => i.CreatedAt).Select(i => new { i.Id, i.CutoutSha256, i.CutoutConfidence }).ToListAsync(cancellationToken);
        var min = cutouts.Value.MinConfidence;
        return TypedResults.Ok(new PatchListResponse(
            [.. groups.Select(g => new GroupListItem(g.Id,
                [.. g.Images.Select(i => ImagePaths.Ref(userId, i.Id, i.CutoutSha256, i.CutoutConfidence, min))], g.Name, g.IsFavorite, g.Copies))],
            [.. ungrouped.Select(i => ImagePaths.Ref(userId, i.Id, i.CutoutSha256, i.CutoutConfidence, min))]));
    }

    /// <summary>An image with its analysis status and current matches (the upload answer, asked again later).</summary>
    public static async Task<Results<Ok<UploadResponse>, ProblemHttpResult>> GetPatch(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "patch_id")] Guid patchId, PatchDbContext db, ImageMatcher matcher,
        CancellationToken cancellationToken)
    {
        var image = await db.Images.AsNoTracking().Include(i => i.Embeddings)
            .FirstOrDefaultAsync(i => i.UserId == userId && i.Id == patchId, cancellationToken);
        return image is null
            ? Problems.NotFound($"No patch {patchId}.")
            : TypedResults.Ok(await matcher.MatchAsync(db, image, cancellationToken));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeletePatch(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "patch_id")] Guid patchId, ImageDeleter deleter,
        CancellationToken cancellationToken) =>
        await deleter.DeleteImageAsync(userId, patchId, cancellationToken)
            ? TypedResults.Ok(new MessageResponse("Patch deleted"))
            : Problems.NotFound($"No patch {patchId}.");
}
