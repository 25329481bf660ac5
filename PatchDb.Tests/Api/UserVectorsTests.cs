using PatchDb.Api.Recognition;

namespace PatchDb.Tests.Api;

/// <summary>Snapshots that share storage: appending never changes what an existing snapshot holds.</summary>
public sealed class UserVectorsTests
{
    [Fact]
    public void Appended_images_are_searchable_and_earlier_snapshots_keep_their_own_images()
    {
        var first = new UserVectors([Guid.NewGuid()], [1f, 0f], 2);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var second = first.With(a, [0f, 1f]);
        var third = second.With(b, [0.6f, 0.8f]);
        // From an older snapshot: its successor's row must not be overwritten.
        var branch = second.With(c, [-1f, 0f]);

        Assert.Equal(1, first.Count);
        Assert.Equal([1f], first.Similarities([1f, 0f]));
        Assert.Equal([1f, 0f, 0.6f], third.Similarities([1f, 0f]));
        Assert.Equal([b], third.ImageIds[2..].ToArray());
        Assert.Equal([1f, 0f, -1f], branch.Similarities([1f, 0f]));
        Assert.Equal([c], branch.ImageIds[2..].ToArray());
    }

    [Fact]
    public void A_thousand_appends_keep_every_vector_in_its_place()
    {
        var vectors = UserVectors.Empty;
        var ids = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            vectors = vectors.With(ids[i], [i, 1f]);
        }

        Assert.Equal(ids, vectors.ImageIds.ToArray());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (float)i), vectors.Similarities([1f, 0f]));
        Assert.Same(vectors, vectors.With(ids[5], [0f, 0f]));
        Assert.Same(vectors, vectors.With(Guid.NewGuid(), [0f, 0f, 0f]));
    }
}
