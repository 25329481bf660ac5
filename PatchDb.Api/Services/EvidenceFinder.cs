using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Contracts;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;

namespace PatchDb.Api.Services;

/// <summary>
/// The evidence for one (photo, group) pair, computed like a match: the group's photos most similar to the query are
/// verified geometrically, each scored by <see cref="MatchScorer.ScoreImage"/>, and the best one's inlier
/// pairs are fetched from the Embedder. Verification only adds evidence: without features or an Embedder the answer
/// still has the global score, with no correspondences.
/// </summary>
public sealed class EvidenceFinder(EmbedderClient embedder, IOptions<RecognitionOptions> options, IOptions<VerificationOptions> verificationOptions)
{
    /// <returns>Null when the photo or the group has no analysed photo to compare.</returns>
    public async Task<EvidenceResponse?> FindAsync(PatchDbContext db, Image image, Guid groupId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var verification = verificationOptions.Value;
        // As in ImageMatcher: the newest primary embedding; auxiliary ones only widen a shortlist.
        var embedding = image.Embeddings.Where(e => !settings.IsAuxiliary(e.ModelId)).OrderByDescending(e => e.CreatedAt).FirstOrDefault();
        if (embedding is null)
        {
            return null;
        }
        var others = await db.Embeddings.AsNoTracking()
            .Where(e => e.ModelId == embedding.ModelId && e.ImageId != image.Id
                && db.Images.Any(i => i.Id == e.ImageId && i.UserId == image.UserId && i.GroupId == groupId))
            .Select(e => new { e.ImageId, e.Vector })
            .ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return null;
        }
        var nearest = others.Select(o => (o.ImageId, Cosine: (double)TensorPrimitives.CosineSimilarity(embedding.Vector, o.Vector)))
            .OrderByDescending(o => o.Cosine).ThenBy(o => o.ImageId).Take(verification.ImagesPerGroup).ToList();
        var ids = nearest.Select(n => n.ImageId).Append(image.Id).ToList();
        var features = verification.Enabled
            ? await db.LocalFeatures.AsNoTracking().Where(f => ids.Contains(f.ImageId)).ToDictionaryAsync(f => f.ImageId, f => f.Data, cancellationToken)
            : [];
        var inliers = await VerifyAsync(image.Id, nearest.Where(n => n.Cosine >= verification.MinCosine).Select(n => n.ImageId), features,
            cancellationToken);
        var calibration = settings.CalibrationFor(embedding.ModelId);
        var best = nearest.Select(n => MatchScorer.ScoreImage(new Candidate(n.ImageId, groupId, n.Cosine), inliers, calibration, verification))
            .OrderByDescending(s => s.Score.Score).ThenByDescending(s => s.Inliers).First();

        CorrespondenceResponse[] pairs = [];
        if (best.Inliers > 0 && features.TryGetValue(image.Id, out var query) && features.TryGetValue(best.Score.ImageId, out var candidate))
        {
            var answer = await embedder.EvidenceAsync(query, candidate, cancellationToken);
            pairs = answer.Outcome == EmbedderOutcome.Success ? answer.Value!.Correspondences : [];
        }
        var threshold = settings.ThresholdFor(embedding.ModelId);
        return new EvidenceResponse(image.Id, groupId, best.Score.ImageId, best.Verified, best.Inliers, Math.Round(best.Score.Score, 6),
            EvidenceSummary.Describe(best.Verified, best.Inliers, best.Score.Score, threshold),
            ImagePaths.Variant(image.UserId, image.Id, ImagePaths.Square), ImagePaths.Variant(image.UserId, best.Score.ImageId, ImagePaths.Square),
            pairs);
    }

    private async Task<Dictionary<Guid, int>> VerifyAsync(Guid queryId, IEnumerable<Guid> candidateIds, Dictionary<Guid, byte[]> features,
        CancellationToken cancellationToken)
    {
        var verified = candidateIds.Where(features.ContainsKey).ToList();
        if (verified.Count == 0 || !features.TryGetValue(queryId, out var query))
        {
            return [];
        }
        var result = await embedder.VerifyAsync(query, [.. verified.Select(id => features[id])], cancellationToken);
        return result.Outcome == EmbedderOutcome.Success && result.Value!.Inliers.Length == verified.Count
            ? verified.Zip(result.Value.Inliers).ToDictionary(p => p.First, p => p.Second)
            : [];
    }
}
