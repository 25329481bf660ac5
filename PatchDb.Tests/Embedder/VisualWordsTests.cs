using System.Numerics.Tensors;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Tests.Embedder;

public sealed class VisualWordsTests
{
    private const int Dims = LocalFeatureSet.DescriptorLength;

    [Fact]
    public void A_descriptors_word_is_the_dominant_orientation_of_each_quadrant()
    {
        // Quadrants top-left, top-right, bottom-left, bottom-right point at orientations 3, 0, 7 and 5; the bottom-left
        // one also has a runner-up, orientation 1, at about half the winner's energy (71² / 100²).
        var descriptor = new byte[Dims];
        int[] dominant = [3, 0, 7, 5];
        for (var row = 0; row < 4; row++)
        {
            for (var col = 0; col < 4; col++)
            {
                var quadrant = row / 2 * 2 + col / 2;
                var cell = (row * 4 + col) * 8;
                descriptor[cell + dominant[quadrant]] = 100;
                if (quadrant == 2)
                {
                    descriptor[cell + 1] = 71;
                }
            }
        }

        var (word, alternative, weight) = VisualWords.WordOf(descriptor);

        Assert.Equal(3 * 512 + 0 * 64 + 7 * 8 + 5, word);
        Assert.Equal(3 * 512 + 0 * 64 + 1 * 8 + 5, alternative);
        Assert.Equal(71 * 71 / 10000.0, weight, 4);
    }

    [Fact]
    public void An_empty_descriptor_casts_no_second_vote()
    {
        Assert.Equal((0, 0, 0f), VisualWords.WordOf(new byte[Dims]));
    }

    [Fact]
    public void The_bag_is_a_unit_vector_that_depends_only_on_the_descriptors()
    {
        var features = OpenCvVision.Extract(SyntheticScene.Render(21), 800);
        var shuffled = Shuffled(features, seed: 5);

        var words = VisualWords.Embed(features);

        Assert.Equal(VisualWords.Dimensions, words.Length);
        Assert.Equal(1.0, Math.Sqrt(words.Sum(x => (double)x * x)), 5);
        // Keypoint order and position do not matter: a bag counts words.
        Assert.Equal(1.0, TensorPrimitives.Dot(words, VisualWords.Embed(shuffled)), 5);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Another_view_of_a_scene_shares_more_words_with_it_than_with_other_scenes(int seed)
    {
        // A rotated, smaller, slightly tilted view: what a second photo of the same patch looks like to SIFT.
        var view = VisualWords.Embed(OpenCvVision.Extract(
            SyntheticScene.Warp(SyntheticScene.Render(seed), SyntheticScene.ViewChange(degrees: 20, scale: 0.8, p6: 1e-4, p7: -5e-5)), 800));
        var same = TensorPrimitives.Dot(view, VisualWords.Embed(OpenCvVision.Extract(SyntheticScene.Render(seed), 800)));
        var others = Enumerable.Range(40, 6)
            .Select(other => TensorPrimitives.Dot(view, VisualWords.Embed(OpenCvVision.Extract(SyntheticScene.Render(other), 800))))
            .ToList();

        Assert.True(same > others.Max() + 0.05, $"same scene {same:0.000}, best other {others.Max():0.000}");
    }

    private static LocalFeatureSet Shuffled(LocalFeatureSet features, int seed)
    {
        var order = Enumerable.Range(0, features.Count).ToArray();
        new Random(seed).Shuffle(order);
        var descriptors = new byte[features.Descriptors.Length];
        var xy = new float[features.Xy.Length];
        for (var i = 0; i < order.Length; i++)
        {
            features.Descriptors.AsSpan(order[i] * Dims, Dims).CopyTo(descriptors.AsSpan(i * Dims));
            (xy[2 * i], xy[2 * i + 1]) = (features.Xy[2 * order[i]] + 3, features.Xy[2 * order[i] + 1] - 2);
        }
        return features with { Xy = xy, Descriptors = descriptors };
    }
}
