using PatchDb.Api.Options;
using PatchDb.Api.Recognition;

namespace PatchDb.Tests.Api;

public sealed class MatchScorerTests
{
    private static readonly ScoreCalibration Calibration = new() { Center = 0.9, Width = 0.02 };
    private static readonly VerificationOptions Verification = new() { MinCosine = 0.8, InlierCenter = 14, InlierWidth = 3 };
    private static readonly Guid GroupA = Guid.NewGuid();
    private static readonly Guid GroupB = Guid.NewGuid();

    [Fact]
    public void Without_verification_a_group_scores_its_best_images_calibrated_cosine()
    {
        var a1 = Guid.NewGuid();
        var shortlist = new Shortlist([[new(a1, GroupA, 0.94), new(Guid.NewGuid(), GroupA, 0.91)], [new(Guid.NewGuid(), GroupB, 0.85)]], []);

        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int>(), Calibration, Verification, 0.5, 5);

        var only = Assert.Single(matches.Groups);
        Assert.Equal((a1, GroupA), (only.ImageId, only.GroupId));
        Assert.Equal(1 / (1 + Math.Exp(-2)), only.Score, 9);
    }

    [Fact]
    public void Inliers_lift_a_candidate_whose_global_similarity_is_below_the_decision_point()
    {
        var b1 = Guid.NewGuid();
        var shortlist = new Shortlist([[new(Guid.NewGuid(), GroupA, 0.92)], [new(Guid.NewGuid(), GroupB, 0.86), new(b1, GroupB, 0.85)]], []);

        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [b1] = 26 }, Calibration, Verification, 0.5, 5);

        // 26 inliers = centre + 4 widths: 0.982, above group A's 0.731 from its cosine alone.
        Assert.Equal([GroupB, GroupA], matches.Groups.Select(m => m.GroupId!.Value));
        Assert.Equal(b1, matches.Groups[0].ImageId);
        Assert.Equal(1 / (1 + Math.Exp(-4)), matches.Groups[0].Score, 9);
    }

    [Fact]
    public void Few_inliers_never_lower_a_score_and_inliers_below_the_minimum_cosine_do_not_count()
    {
        var a1 = Guid.NewGuid();
        var b1 = Guid.NewGuid();
        var shortlist = new Shortlist([[new(a1, GroupA, 0.95)], [new(b1, GroupB, 0.7)]], []);

        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [a1] = 0, [b1] = 200 }, Calibration, Verification, 0.5, 5);

        var only = Assert.Single(matches.Groups);
        Assert.Equal(GroupA, only.GroupId);
        Assert.Equal(Calibration.Apply(0.95), only.Score, 9);
    }

    [Fact]
    public void Ungrouped_images_are_scored_alike_and_both_lists_respect_the_limit()
    {
        var images = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var shortlist = new Shortlist([], [.. images.Select((id, i) => new Candidate(id, null, 0.95 - i * 0.01))]);

        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [images[3]] = 60 }, Calibration, Verification, 0.5, 2);

        Assert.Empty(matches.Groups);
        Assert.Equal([images[3], images[0]], matches.Ungrouped.Select(m => m.ImageId));
    }

    [Fact]
    public void Groups_below_the_threshold_are_candidates_best_first_never_also_matches()
    {
        var groups = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        double[] cosines = [0.95, 0.88, 0.86, 0.70];
        var b = Guid.NewGuid();
        var shortlist = new Shortlist([.. groups.Select((g, i) => (IReadOnlyList<Candidate>)[new Candidate(i == 2 ? b : Guid.NewGuid(), g, cosines[i])])], []);

        // 12 inliers lift group 2 above group 1's cosine-only score, still below the decision point.
        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [b] = 12 }, Calibration, Verification, 0.5, 5, candidateLimit: 2);

        Assert.Equal([groups[0]], matches.Groups.Select(m => m.GroupId!.Value));
        Assert.Equal([groups[2], groups[1]], matches.Candidates.Select(m => m.GroupId!.Value));
        Assert.Equal(Verification.Score(12), matches.Candidates[0].Score, 9);
        Assert.All(matches.Candidates, c => Assert.True(c.Score < 0.5));
        Assert.Empty(MatchScorer.Score(shortlist, new Dictionary<Guid, int>(), Calibration, Verification, 0.5, 5).Candidates);
        // Group 3's cosine 0.70 scores 10 widths below the centre (4.5e-5): under a 1 % floor it is left out.
        var floored = MatchScorer.Score(shortlist, new Dictionary<Guid, int>(), Calibration, Verification, 0.5, 5, 5, minCandidateScore: 0.01);
        Assert.Equal([groups[1], groups[2]], floored.Candidates.Select(m => m.GroupId!.Value));
    }

    [Fact]
    public void A_verified_group_must_lead_the_runner_ups_inliers_to_be_a_match()
    {
        var (a1, b1) = (Guid.NewGuid(), Guid.NewGuid());
        // Cosines below the decision point (0.9) and 0.01 apart: only verification could make either a match.
        var shortlist = new Shortlist([[new(a1, GroupA, 0.86)], [new(b1, GroupB, 0.85)]], []);
        var lead = new VerificationOptions { MinCosine = 0.8, InlierCenter = 14, InlierWidth = 3, MinInlierLead = 1.3 };

        // 40 against 35: two look-alike designs (brand variants) both verify; neither has earned the match.
        var close = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [a1] = 40, [b1] = 35 }, Calibration, lead, 0.5, 5, candidateLimit: 5,
            minUnverifiedLead: 0.043);
        // 40 against 30 leads by 1.33: group A is the match, group B (behind it) is not.
        var clear = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [a1] = 40, [b1] = 30 }, Calibration, lead, 0.5, 5, candidateLimit: 5,
            minUnverifiedLead: 0.043);
        // With the rule off both verified groups are matches, best first.
        var off = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [a1] = 40, [b1] = 35 }, Calibration,
            new VerificationOptions { MinCosine = 0.8, InlierCenter = 14, InlierWidth = 3, MinInlierLead = 1 }, 0.5, 5, minUnverifiedLead: 0.043);

        Assert.Empty(close.Groups);
        Assert.Equal([GroupA, GroupB], close.Candidates.Select(c => c.GroupId!.Value));
        Assert.Equal([GroupA], clear.Groups.Select(m => m.GroupId!.Value));
        Assert.Equal([GroupB], clear.Candidates.Select(c => c.GroupId!.Value));
        Assert.Equal([GroupA, GroupB], off.Groups.Select(m => m.GroupId!.Value));
    }

    [Fact]
    public void All_inliers_rank_but_only_confirming_ones_verify_and_lead()
    {
        var a1 = Guid.NewGuid();
        var b1 = Guid.NewGuid();
        var shortlist = new Shortlist([[new(a1, GroupA, 0.86)], [new(b1, GroupB, 0.85)]], []);
        var all = new Dictionary<Guid, int> { [a1] = 30, [b1] = 20 };

        // Group A's 30 inliers are shared with group B (3 tell it apart); 18 of group B's 20 are its own.
        var split = MatchScorer.Score(shortlist, all, Calibration, Verification, 0.5, 5, candidateLimit: 5, minUnverifiedLead: 0.043,
            confirming: new Dictionary<Guid, int> { [a1] = 3, [b1] = 18 });
        // Without confirming counts, all inliers confirm: A leads B by 1.5 and is the match.
        var plain = MatchScorer.Score(shortlist, all, Calibration, Verification, 0.5, 5, candidateLimit: 5, minUnverifiedLead: 0.043);

        var match = Assert.Single(split.Groups);
        Assert.Equal((b1, GroupB), (match.ImageId, match.GroupId));
        Assert.Equal(Verification.Score(20), match.Score, 9);
        // A stays the first candidate, just under the decision point: its inliers still rank it.
        var candidate = Assert.Single(split.Candidates);
        Assert.Equal(GroupA, candidate.GroupId);
        Assert.InRange(candidate.Score, 0.49, 0.5);
        Assert.Equal([GroupA], plain.Groups.Select(m => m.GroupId!.Value));
    }

    [Fact]
    public void A_group_is_verified_when_any_of_its_photos_is_not_only_the_one_that_ranks_it()
    {
        var a1 = Guid.NewGuid();
        var a2 = Guid.NewGuid();
        var shortlist = new Shortlist([[new(a1, GroupA, 0.86), new(a2, GroupA, 0.85)], [new(Guid.NewGuid(), GroupB, 0.85)]], []);

        // a1 ranks the group (30 inliers, 2 its own); a2 confirms it (25, 20 its own).
        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [a1] = 30, [a2] = 25 }, Calibration, Verification, 0.5, 5,
            minUnverifiedLead: 0.5, confirming: new Dictionary<Guid, int> { [a1] = 2, [a2] = 20 });

        var match = Assert.Single(matches.Groups);
        Assert.Equal((a1, GroupA), (match.ImageId, match.GroupId));
    }

    [Fact]
    public void The_verification_score_is_one_half_at_its_centre_and_rises_with_inliers()
    {
        Assert.Equal(0.5, Verification.Score(14), 9);
        int[] counts = [0, 5, 10, 14, 20, 50, 300];
        var scores = counts.Select(Verification.Score).ToArray();
        Assert.Equal(scores.Order(), scores);
        Assert.True(Verification.Score(6) < 0.1, "chance-level inlier counts must read as a low score");
    }
}
