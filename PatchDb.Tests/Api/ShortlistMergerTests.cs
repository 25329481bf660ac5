using PatchDb.Api.Recognition;

namespace PatchDb.Tests.Api;

public sealed class ShortlistMergerTests
{
    private static readonly Guid GroupA = Guid.NewGuid();
    private static readonly Guid GroupB = Guid.NewGuid();
    private static readonly Guid GroupC = Guid.NewGuid();

    [Fact]
    public void Only_groups_the_primary_shortlist_lacks_are_added_after_it_flagged_and_with_the_primary_cosine()
    {
        var (a, b, c1, c2) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var primary = new Shortlist([[new(a, GroupA, 0.93)]], []);
        var auxiliary = new Shortlist([[new(c1, GroupC, 0.88), new(c2, GroupC, 0.80)], [new(Guid.NewGuid(), GroupA, 0.85)], [new(b, GroupB, 0.70)]], []);

        var added = ShortlistMerger.NewGroups(primary, auxiliary, limit: 1);
        var merged = ShortlistMerger.Merge(primary, added, new Dictionary<Guid, double> { [c1] = 0.61 });

        Assert.Equal([GroupA, GroupC], merged.Groups.Select(g => g[0].GroupId!.Value));
        Assert.False(merged.Groups[0][0].Auxiliary);
        // c2 has no vector of the primary model (not re-indexed after a model change): left out.
        Assert.Equal([(c1, 0.61, true)], merged.Groups[1].Select(c => (c.ImageId, c.Cosine, c.Auxiliary)));
    }

    [Fact]
    public void Nothing_new_leaves_the_primary_shortlist_as_it_was()
    {
        var primary = new Shortlist([[new(Guid.NewGuid(), GroupA, 0.93)], [new(Guid.NewGuid(), GroupB, 0.90)]], []);
        var auxiliary = new Shortlist([[new(Guid.NewGuid(), GroupB, 0.88)], [new(Guid.NewGuid(), GroupA, 0.85)]], []);

        Assert.Empty(ShortlistMerger.NewGroups(primary, auxiliary, limit: 5));
    }
}
