using Microsoft.ML.OnnxRuntime;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.ResNet;
using PatchDb.Embedder.Onnx;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Embedder;

/// <summary>The ImageNet ResNet18 of the package, run for its last feature map (a graph output added at load time).</summary>
public sealed class ResNetFeatureTests
{
    private static readonly Lazy<ResNet18Features> s_features = new(() => new ResNet18Features(ResNet18Features.DefaultFolder));

    [Fact]
    public void The_feature_map_averaged_per_channel_is_the_packages_own_pooled_output()
    {
        var image = SyntheticScene.Render(seed: 3);
        var map = s_features.Value.FeatureMap(image);

        // The unmodified model: its only output is the 7 × 7 average pooling of that map.
        using var session = new InferenceSession(Path.Combine(ResNet18Features.DefaultFolder, "ResNet18.onnx"));
        var pooled = OnnxSessionFactory.RunFirstOutput(session, "Input247", "Pooling395_Output_0",
            s_features.Value.Preprocess(image), [1, 3, ResNet18Features.Side, ResNet18Features.Side]);

        Assert.Equal([1, ResNet18Features.Channels, 1, 1], pooled.Shape);
        Assert.Equal(ResNet18Features.Channels * ResNet18Features.Cells, map.Length);
        for (var c = 0; c < ResNet18Features.Channels; c++)
        {
            var mean = map.AsSpan(c * ResNet18Features.Cells, ResNet18Features.Cells).ToArray().Average();
            Assert.Equal(pooled.Data[c], mean, 0.001 + 0.001 * Math.Abs(pooled.Data[c]));
        }
    }

    [Fact]
    public void Adding_a_graph_output_keeps_the_original_one()
    {
        var model = OnnxGraphOutputs.WithOutput(File.ReadAllBytes(Path.Combine(ResNet18Features.DefaultFolder, "ResNet18.onnx")), "ReLU393_Output_0");

        using var session = new InferenceSession(model);

        Assert.Equal(["Pooling395_Output_0", "ReLU393_Output_0"], session.OutputMetadata.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1, 512, 7, 7], session.OutputMetadata["ReLU393_Output_0"].Dimensions);
    }

    [Fact]
    public void A_slightly_moved_view_of_a_scene_is_closer_to_it_than_another_scene()
    {
        var scene = SyntheticScene.Render(seed: 11);
        var moved = SyntheticScene.Warp(scene, new Homography([1.05, 0.08, -20, -0.06, 1.02, 12, 0, 0, 1]));
        var other = SyntheticScene.Render(seed: 12);

        var (a, b, c) = (Describe(scene), Describe(moved), Describe(other));

        // ImageNet features of any two cluttered scenes are alike (cosines near 0.9): the order is what counts.
        Assert.True(Dot(a, b) > Dot(a, c), $"moved {Dot(a, b):0.000}, other scene {Dot(a, c):0.000}");
    }

    [Fact]
    public void Pooling_gives_unit_vectors_and_max_pooling_takes_each_channels_peak()
    {
        float[] map = [0, 3, 1, 2, 4, 0, 0, 0];

        var max = FeaturePooling.Max(map, 2);
        Assert.Equal(0.6f, max[0], 5);
        Assert.Equal(0.8f, max[1], 5);
        // p = 1 is the average: 1.5 and 1, normalised.
        var gem = FeaturePooling.GeneralisedMean(map, 2, 1);
        Assert.Equal(1.5 / Math.Sqrt(3.25), gem[0], 5);
        Assert.Equal(1 / Math.Sqrt(3.25), gem[1], 5);
    }

    private static float[] Describe(RgbImage image) =>
        FeaturePooling.GeneralisedMean(s_features.Value.FeatureMap(image), ResNet18Features.Channels, 3);

    private static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
