using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Tests.Embedder;

public sealed class DistinctiveInliersTests
{
    private static readonly LocalFeatureOptions Options = new();

    [Fact]
    public void A_sibling_that_shares_only_the_logo_verifies_plainly_but_not_distinctively()
    {
        var (query, right, sibling) = SiblingDesigns.Scene();

        var (all, distinctive) = DistinctiveInliers.Count(query, [right, sibling], ["a", "b"], Options);

        // Plain verification cannot tell them apart by much: the shared half alone verifies the sibling.
        Assert.True(all[1] >= 30, $"sibling's inliers {all[1]}");
        Assert.True(all[0] > all[1], $"{all[0]} vs {all[1]}");
        // Across designs the shared half decides nothing, the right design's own half still does.
        Assert.True(distinctive[0] >= 20, $"right design's distinctive inliers {distinctive[0]}");
        Assert.True(distinctive[1] < 10, $"sibling's distinctive inliers {distinctive[1]}");
        Assert.True(distinctive[0] < all[0], $"{distinctive[0]} of {all[0]}");
    }

    [Fact]
    public void One_design_or_candidates_of_no_design_count_every_inlier()
    {
        var (query, right, sibling) = SiblingDesigns.Scene();
        var plain = new[] { right, sibling }.Select(c => OpenCvVision.VerifyColourConsistent(query, c, Options.Ratio, Options.ReprojectionPixels)).ToArray();

        var (sameAll, same) = DistinctiveInliers.Count(query, [right, sibling], ["a", "a"], Options);
        var (_, none) = DistinctiveInliers.Count(query, [right, sibling], [null, null], Options);
        // A candidate of no design is no rival: the sibling labelled null leaves the right design's shared half counted.
        var (_, unfiled) = DistinctiveInliers.Count(query, [right, sibling], ["a", null], Options);

        Assert.Equal(plain, sameAll);
        Assert.Equal(plain, same);
        Assert.Equal(plain, none);
        Assert.Equal(plain, unfiled);
    }

    [Fact]
    public void A_designs_rival_is_its_features_nearest_descriptor_in_any_other_design()
    {
        // Three query features; candidates 0 and 1 are photos of design a, candidate 2 of b, candidate 3 of none.
        Neighbours Near(params int[] first) => new(new int[first.Length], first, [.. first.Select(f => f * 2)]);
        Neighbours?[] neighbours = [Near(5, 50, 9), Near(7, 40, 30), Near(6, 10, 8), Near(1, 1, 1)];

        var rivals = DistinctiveInliers.RivalDistances(3, neighbours, ["a", "a", "b", null]);

        Assert.Equal([6, 10, 8], rivals["a"]);
        Assert.Equal([5, 40, 9], rivals["b"]);
        Assert.Equal(2, rivals.Count);
    }

    [Fact]
    public void A_single_design_has_no_rival()
    {
        Neighbours?[] neighbours = [new([0, 0], [3, 4], [6, 8]), null];

        var rivals = DistinctiveInliers.RivalDistances(2, neighbours, ["a", "a"]);

        Assert.Equal([int.MaxValue, int.MaxValue], rivals["a"]);
    }
}
