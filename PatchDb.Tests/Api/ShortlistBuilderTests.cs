using PatchDb.Api.Recognition;

namespace PatchDb.Tests.Api;

public sealed class ShortlistBuilderTests
{
    [Fact]
    public void Groups_rank_by_their_best_image_keep_their_top_images_and_skip_the_query_and_deleted_images()
    {
        Guid groupA = Guid.NewGuid(), groupB = Guid.NewGuid(), groupC = Guid.NewGuid();
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        // Cosines by construction: one-dimensional unit "vectors" scaled, so similarity = the stored value.
        float[] similarities = [0.70f, 0.90f, 0.80f, 0.95f, 0.99f, 0.60f, 0.85f, 0.97f];
        var membership = new Dictionary<Guid, Guid?>
        {
            [ids[0]] = groupA, [ids[1]] = groupA, [ids[2]] = groupA,
            [ids[3]] = groupB,
            [ids[4]] = groupC,  // the query itself (excluded)
            [ids[5]] = groupC,
            [ids[6]] = null,
            // ids[7] was deleted: no membership entry.
        };
        var vectors = new UserVectors(ids, [.. similarities], 1);

        var shortlist = ShortlistBuilder.Build(vectors, similarities, membership, groupLimit: 2, imagesPerGroup: 2, ungroupedLimit: 5, exclude: ids[4]);

        Assert.Equal(new[] { new[] { ids[3] }, new[] { ids[1], ids[2] } }, shortlist.Groups.Select(g => g.Select(c => c.ImageId).ToArray()));
        Assert.Equal(groupA, shortlist.Groups[1][0].GroupId);
        Assert.Equal(0.9, shortlist.Groups[1][0].Cosine, 6);
        Assert.Equal([ids[6]], shortlist.Ungrouped.Select(c => c.ImageId));
    }
}
