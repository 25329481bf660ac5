using PatchDb.Embedder.Benchmarks;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Tests.Embedder;

/// <summary>The matcher verification uses: exact two nearest neighbours on the quantised descriptors, checked against
/// the plain definition of the distance and against planted answers.</summary>
public sealed class NearestDescriptorTests
{
    private const int Dims = LocalFeatureSet.DescriptorLength;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(17, 7)]
    [InlineData(40, 101)]
    public void Finds_the_same_neighbours_and_distances_as_the_definition(int queries, int candidates)
    {
        var random = new Random(queries * 1000 + candidates);
        var query = Bytes(random, queries);
        var candidate = Bytes(random, candidates);

        var (nearest, first, second) = NearestDescriptors.TwoNearest(query, queries, candidate, candidates);

        for (var i = 0; i < queries; i++)
        {
            var distances = Enumerable.Range(0, candidates).Select(j => SquaredDistance(query, i, candidate, j)).ToArray();
            var sorted = distances.Order().ToArray();
            Assert.Equal(sorted[0], first[i]);
            Assert.Equal(sorted[0], distances[nearest[i]]);
            Assert.Equal(candidates > 1 ? sorted[1] : int.MaxValue, second[i]);
        }
    }

    [Fact]
    public void Each_query_descriptor_finds_its_noisy_twin_and_the_ratio_test_keeps_it()
    {
        var random = new Random(7);
        const int count = 50;
        var query = Bytes(random, count);
        // The candidate holds the query's descriptors in reverse order, each disturbed by at most ±2 per component.
        var candidate = new byte[count * Dims];
        for (var j = 0; j < count; j++)
        {
            for (var k = 0; k < Dims; k++)
            {
                candidate[j * Dims + k] = (byte)Math.Clamp(query[(count - 1 - j) * Dims + k] + random.Next(-2, 3), 0, 255);
            }
        }

        var (nearest, first, second) = NearestDescriptors.TwoNearest(query, count, candidate, count);

        Assert.Equal(Enumerable.Range(0, count).Select(i => count - 1 - i), nearest);
        Assert.All(Enumerable.Range(0, count), i => Assert.True(first[i] < 0.64 * second[i]));
    }

    [Theory]
    [InlineData(11, 11)]
    [InlineData(11, 12)]
    public void Matches_the_same_pairs_as_OpenCVs_brute_force_matcher_on_real_SIFT_features(int querySeed, int candidateSeed)
    {
        var query = OpenCvVision.Extract(SyntheticScene.Render(querySeed), 800);
        var candidate = OpenCvVision.Extract(
            SyntheticScene.Warp(SyntheticScene.Render(candidateSeed), SyntheticScene.ViewChange(degrees: 15, scale: 0.9, p6: 1e-4, p7: 0)), 800);

        var (from, _) = FeatureMatches.OneToOne(query, candidate, ratio: 0.8);

        Assert.True(querySeed != candidateSeed || from.Length / 2 >= 30, $"{from.Length / 2} matches of a scene with itself");
        Assert.Equal(OpenCvBruteForce.OneToOneCount(query, candidate, ratio: 0.8), from.Length / 2);
    }

    [Fact]
    public void Maximal_bytes_do_not_overflow()
    {
        var full = Enumerable.Repeat((byte)255, 2 * Dims).ToArray();
        var empty = new byte[Dims];

        var (nearest, first, second) = NearestDescriptors.TwoNearest(empty, 1, full, 2);

        Assert.Equal(0, nearest[0]);
        Assert.Equal(Dims * 255 * 255, first[0]);
        Assert.Equal(Dims * 255 * 255, second[0]);
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count * Dims];
        random.NextBytes(bytes);
        return bytes;
    }

    private static int SquaredDistance(byte[] a, int i, byte[] b, int j)
    {
        var total = 0;
        for (var k = 0; k < Dims; k++)
        {
            var d = a[i * Dims + k] - b[j * Dims + k];
            total += d * d;
        }

        return total;
    }
}
