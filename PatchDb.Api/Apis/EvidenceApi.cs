using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Services;

namespace PatchDb.Api.Apis;

/// <summary>Why a photo matched a group: the verified keypoint correspondences, the inlier count and the score in words.</summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapUserGroup().MapGet("/patch/{patch_id:guid}/evidence/{group_id:guid}", GetEvidence).WithName("GetEvidence");
        return app;
    }

    public static async Task<Results<Ok<EvidenceResponse>, ProblemHttpResult>> GetEvidence(
        [FromRoute(Name = "user_id")] Guid userId, [FromRoute(Name = "patch_id")] Guid patchId, [FromRoute(Name = "group_id")] Guid groupId,
        PatchDbContext db, EvidenceFinder finder, CancellationToken cancellationToken)
    {
        var image = await db.Images.AsNoTracking().Include(i => i.Embeddings)
            .FirstOrDefaultAsync(i => i.UserId == userId && i.Id == patchId, cancellationToken);
        if (image is null)
        {
            return Problems.NotFound($"No patch {patchId}.");
        }
        if (!await db.Groups.AnyAsync(g => g.UserId == userId && g.Id == groupId, cancellationToken))
        {
            return Problems.NotFound($"No group {groupId}.");
        }
        if (image.Status != AnalysisStatus.Analyzed || image.Embeddings.Count == 0)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Analysis pending",
                $"Patch {patchId} is not analysed yet (or could not be); ask again once GET /{userId}/patch/{patchId} says \"analyzed\".");
        }
        var evidence = await finder.FindAsync(db, image, groupId, cancellationToken);
        return evidence is null
            ? Problems.NotFound($"Group {groupId} has no other analysed photo to compare patch {patchId} with.")
            : TypedResults.Ok(evidence);
    }
}
