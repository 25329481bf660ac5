using PatchDb.Api.Options;

namespace PatchDb.Api.Recognition;

/// <summary>
/// Turns a shortlist and its verification into the match list. An image's score is the stronger of two calibrated
/// pieces of evidence, each 0.5 at its decision point: the global similarity (<see cref="ScoreCalibration"/>) and, for
/// verified candidates, the homography inlier count (<see cref="VerificationOptions.Score"/>). A group scores as its
/// best image; only scores at or above the threshold are matches. The best groups below it are returned apart, as
/// candidates, so a ranking is there even when the decision is "new design".
/// </summary>
public static class MatchScorer
{
    public static MatchSet Score(Shortlist shortlist, IReadOnlyDictionary<Guid, int> inliers, ScoreCalibration calibration,
        VerificationOptions verification, double threshold, int limit, int candidateLimit = 0, double minCandidateScore = 0)
    {
        var groups = shortlist.Groups
            .Select(images => images.Select(c => Scored(c, inliers, calibration, verification)).MaxBy(s => s.Score)!)
            .ToList();
        var ungrouped = shortlist.Ungrouped
            .Select(c => Scored(c, inliers, calibration, verification))
            .Where(s => s.Score >= threshold);
        return new MatchSet(Top(groups.Where(s => s.Score >= threshold), limit), Top(ungrouped, limit),
            Top(groups.Where(s => s.Score < threshold && s.Score >= minCandidateScore), candidateLimit));
    }

    private static ImageScore Scored(Candidate candidate, IReadOnlyDictionary<Guid, int> inliers, ScoreCalibration calibration,
        VerificationOptions verification)
    {
        var score = calibration.Apply(candidate.Cosine);
        if (candidate.Cosine >= verification.MinCosine && inliers.TryGetValue(candidate.ImageId, out var count))
        {
            score = Math.Max(score, verification.Score(count));
        }
        return new ImageScore(candidate.ImageId, candidate.GroupId, score);
    }

    private static List<ImageScore> Top(IEnumerable<ImageScore> scores, int limit) =>
        [.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.ImageId).Take(limit)];
}
