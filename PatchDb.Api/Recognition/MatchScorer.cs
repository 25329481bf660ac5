using PatchDb.Api.Options;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Turns a shortlist and its verification into the match list. An image's score is the stronger of two calibrated
/// pieces of evidence, each 0.5 at its decision point: the global similarity (<see cref="ScoreCalibration"/>) and, for
/// verified candidates, the homography inlier count (<see cref="VerificationOptions.Score"/>). A group scores as its
/// best image; only scores at or above the threshold are matches. A match must be earned: a group that verification
/// did not confirm stays a candidate unless its cosine leads every other group's by <c>minUnverifiedLead</c> (a new
/// design tends to resemble several enrolled ones about equally), and a verified group must have at least
/// <see cref="VerificationOptions.MinInlierLead"/> times the inliers of any other group (a brand's variants share their
/// logo and layout, so a new variant verifies against its enrolled siblings). The best groups below the threshold are returned
/// apart, as candidates, so a ranking is there even when the decision is "new design". When <c>confirming</c> inliers
/// are given (<see cref="InlierCounts"/>), all inliers still rank the images, but only the confirming ones verify
/// an image and count for the lead.
/// </summary>
public static class MatchScorer
{
    public static MatchSet Score(Shortlist shortlist, IReadOnlyDictionary<Guid, int> inliers, ScoreCalibration calibration,
        VerificationOptions verification, double threshold, int limit, int candidateLimit = 0, double minCandidateScore = 0,
        double minUnverifiedLead = 0, IReadOnlyDictionary<Guid, int>? confirming = null)
    {
        var scored = shortlist.Groups.Select(images =>
            {
                var each = images.Select(c => ScoreImage(c, inliers, calibration, verification, confirming)).ToList();
                // Verified when any of its photos is: the photo that ranks it need not be the one that confirms it.
                return (Best: each.MaxBy(s => s.Score.Score), Verified: each.Any(s => s.Verified), Cosine: images.Max(c => c.Cosine),
                    Inliers: each.Max(s => s.Inliers));
            })
            .ToList();
        var groups = scored.Select((g, i) =>
        {
            var rival = scored.Where((_, j) => j != i).Select(o => o.Cosine).DefaultIfEmpty(double.NegativeInfinity).Max();
            var rivalInliers = scored.Where((_, j) => j != i).Select(o => o.Inliers).DefaultIfEmpty(0).Max();
            var leads = verification.MinInlierLead <= 1 || g.Inliers >= verification.MinInlierLead * rivalInliers;
            var earned = (g.Verified && leads) || g.Cosine - rival >= minUnverifiedLead;
            // Unearned: kept among the best candidates, just under the decision point and in the same order.
            return earned || g.Best.Score.Score < threshold
                ? g.Best.Score
                : g.Best.Score with { Score = Math.BitDecrement(threshold) - 0.001 * (1 - g.Best.Score.Score) };
        }).ToList();
        var ungrouped = shortlist.Ungrouped
            .Select(c => ScoreImage(c, inliers, calibration, verification, confirming).Score)
            .Where(s => s.Score >= threshold);
        return new MatchSet(Top(groups.Where(s => s.Score >= threshold), limit), Top(ungrouped, limit),
            Top(groups.Where(s => s.Score < threshold && s.Score >= minCandidateScore), candidateLimit));
    }

    /// <summary>The image's score, whether verification confirmed it (its confirming inliers' score reached 0.5) and the
    /// confirming inliers (0 when none counted: not verified, or below the minimum cosine and not shortlisted by an
    /// auxiliary model). Without <paramref name="confirming"/> every inlier confirms.</summary>
    internal static (ImageScore Score, bool Verified, int Inliers) ScoreImage(Candidate candidate, IReadOnlyDictionary<Guid, int> inliers,
        ScoreCalibration calibration, VerificationOptions verification, IReadOnlyDictionary<Guid, int>? confirming = null)
    {
        var score = calibration.Apply(candidate.Cosine);
        if ((candidate.Cosine >= verification.MinCosine || candidate.Auxiliary) && inliers.TryGetValue(candidate.ImageId, out var count))
        {
            var confirmed = confirming is not null && confirming.TryGetValue(candidate.ImageId, out var c) ? c : count;
            return (new ImageScore(candidate.ImageId, candidate.GroupId, Math.Max(score, verification.Score(count))),
                verification.Score(confirmed) >= 0.5, confirmed);
        }
        return (new ImageScore(candidate.ImageId, candidate.GroupId, score), false, 0);
    }

    private static List<ImageScore> Top(IEnumerable<ImageScore> scores, int limit) =>
        [.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.ImageId).Take(limit)];
}
