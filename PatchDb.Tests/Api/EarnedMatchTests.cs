using PatchDb.Api.Options;
using PatchDb.Api.Recognition;

namespace PatchDb.Tests.Api;

/// <summary>Issue 16's rule: a match must be earned by verification or by a clear lead over the other groups.</summary>
public sealed class EarnedMatchTests
{
    private static readonly ScoreCalibration Calibration = new() { Center = 0.9, Width = 0.02 };
    private static readonly VerificationOptions Verification = new() { MinCosine = 0.8, InlierCenter = 14, InlierWidth = 3 };
    private static readonly Guid GroupA = Guid.NewGuid();
    private static readonly Guid GroupB = Guid.NewGuid();

    [Fact]
    public void An_unverified_best_group_barely_ahead_of_the_runner_up_is_a_candidate_not_a_match()
    {
        var shortlist = new Shortlist([[new(Guid.NewGuid(), GroupA, 0.940)], [new(Guid.NewGuid(), GroupB, 0.935)]], []);

        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int>(), Calibration, Verification, 0.5, 5, 5, 0, minUnverifiedLead: 0.02);

        Assert.Empty(matches.Groups);
        Assert.Equal([GroupA, GroupB], matches.Candidates.Select(c => c.GroupId!.Value));
        Assert.True(matches.Candidates[0].Score < 0.5);
    }

    [Fact]
    public void A_clear_lead_or_verification_earns_the_match()
    {
        var b1 = Guid.NewGuid();
        var clear = new Shortlist([[new(Guid.NewGuid(), GroupA, 0.96)], [new(Guid.NewGuid(), GroupB, 0.90)]], []);
        var close = new Shortlist([[new(Guid.NewGuid(), GroupA, 0.940)], [new(b1, GroupB, 0.935)]], []);

        var byLead = MatchScorer.Score(clear, new Dictionary<Guid, int>(), Calibration, Verification, 0.5, 5, 5, 0, minUnverifiedLead: 0.02);
        var byInliers = MatchScorer.Score(close, new Dictionary<Guid, int> { [b1] = 30 }, Calibration, Verification, 0.5, 5, 5, 0, minUnverifiedLead: 0.02);

        Assert.Equal([GroupA], byLead.Groups.Select(m => m.GroupId!.Value));
        // B is verified; A, unverified and now behind a verified rival's cosine by less than the lead, is only a candidate.
        Assert.Equal([GroupB], byInliers.Groups.Select(m => m.GroupId!.Value));
        Assert.Equal([GroupA], byInliers.Candidates.Select(m => m.GroupId!.Value));
    }

    [Fact]
    public void A_group_only_the_auxiliary_shortlist_found_is_verified_whatever_its_cosine_and_matches_on_inliers()
    {
        var c1 = Guid.NewGuid();
        var shortlist = new Shortlist([[new(Guid.NewGuid(), GroupA, 0.85)], [new(c1, GroupB, 0.40, Auxiliary: true)]], []);

        var matches = MatchScorer.Score(shortlist, new Dictionary<Guid, int> { [c1] = 26 }, Calibration, Verification, 0.5, 5, 5, 0, minUnverifiedLead: 0.02);

        var match = Assert.Single(matches.Groups);
        Assert.Equal((c1, GroupB), (match.ImageId, match.GroupId!.Value));
        Assert.Equal(1 / (1 + Math.Exp(-4)), match.Score, 9);
    }
}
