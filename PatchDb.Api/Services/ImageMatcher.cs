using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;

namespace PatchDb.Api.Services;

/// <summary>Matches one analysed image against the rest of its owner's images (never itself): a shortlist by global
/// similarity, verified geometrically, then scored (<see cref="MatchScorer"/>). Groups the collector rejected for this
/// photo ("not this one") are dropped from the shortlist, so they are neither matches nor candidates.</summary>
public sealed class ImageMatcher(MatchIndex index, MatchVerifier verifier, IOptions<RecognitionOptions> options,
    IOptions<VerificationOptions> verificationOptions, IOptions<CutoutOptions> cutoutOptions)
{
    public async Task<UploadResponse> MatchAsync(PatchDbContext db, Image image, CancellationToken cancellationToken)
    {
        var minCutout = cutoutOptions.Value.MinConfidence;
        var patch = ImagePaths.Ref(image.UserId, image.Id, image.CutoutSha256, image.CutoutConfidence, minCutout);
        var region = Region(image);
        if (image.Status != AnalysisStatus.Analyzed || image.Embeddings.Count == 0)
        {
            return UploadResponse.Unmatched(patch, image.Status == AnalysisStatus.Failed ? "failed" : "pending", region);
        }
        var settings = options.Value;
        // The newest primary embedding is the active model's (after a re-index); other models' vectors are never
        // compared. Auxiliary embeddings only add groups to the shortlist.
        var embedding = image.Embeddings.Where(e => !settings.IsAuxiliary(e.ModelId)).OrderByDescending(e => e.CreatedAt).FirstOrDefault();
        if (embedding is null)
        {
            return UploadResponse.Unmatched(patch, "pending", region);
        }
        var verification = verificationOptions.Value;
        var rejected = await db.Rejections.AsNoTracking().Where(r => r.ImageId == image.Id).Select(r => r.GroupId)
            .ToListAsync(cancellationToken);
        var shortlist = await index.ShortlistAsync(image.UserId, embedding.ModelId, embedding.Vector,
            Math.Max(settings.MaxMatches, verification.Groups) + rejected.Count, verification.ImagesPerGroup,
            Math.Max(settings.MaxMatches, verification.Ungrouped), image.Id, cancellationToken);
        foreach (var auxiliary in image.Embeddings.Where(e => settings.IsAuxiliary(e.ModelId)))
        {
            shortlist = await index.WithAuxiliaryAsync(image.UserId, shortlist, embedding.ModelId, embedding.Vector, auxiliary.ModelId,
                auxiliary.Vector, verification.AuxiliaryGroups, verification.AuxiliaryImagesPerGroup, image.Id, cancellationToken);
        }
        // After the auxiliary shortlist too, so a group the collector turned down comes back from neither.
        if (rejected.Count > 0)
        {
            shortlist = shortlist with
            {
                Groups = [.. shortlist.Groups.Where(images => images.Count == 0 || !rejected.Contains(images[0].GroupId!.Value))],
            };
        }
        var inliers = await verifier.VerifyAsync(image.Id, shortlist, verification, cancellationToken);
        var matches = MatchScorer.Score(shortlist, inliers.All, settings.CalibrationFor(embedding.ModelId), verification,
            settings.ThresholdFor(embedding.ModelId), settings.MaxMatches, settings.MaxCandidates, settings.MinCandidateScore,
            settings.MinUnverifiedLead, inliers.Confirming);
        var presented = await MatchPresenter.PresentAsync(db, image.UserId, matches, cancellationToken,
            new MatchEvidence(inliers.Confirming, verification.InlierCenter, minCutout));
        return new UploadResponse(presented.Groups, patch, presented.Ungrouped, "analyzed", presented.Candidates, region);
    }

    private static PatchRegionResponse? Region(Image image) =>
        image is { PatchBox: { } box, PatchOutline: { } outline, PatchConfidence: { } confidence, PatchConfident: { } found }
            ? new PatchRegionResponse(box, outline, confidence, found)
            : null;
}
