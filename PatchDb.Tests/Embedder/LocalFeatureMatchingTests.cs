using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Tests.Embedder;

public sealed class LocalFeatureMatchingTests
{
    private const int MaxFeatures = 800;

    [Fact]
    public void A_rotated_scaled_tilted_copy_verifies_with_the_known_homography()
    {
        var original = SyntheticScene.Render(seed: 11);
        var truth = SyntheticScene.ViewChange(degrees: 20, scale: 0.8, p6: 1e-4, p7: -5e-5);
        var warped = SyntheticScene.Warp(original, truth);

        var query = OpenCvVision.Extract(original, MaxFeatures);
        var candidate = OpenCvVision.Extract(warped, MaxFeatures);
        var (inliers, found) = OpenCvVision.Verify(query, candidate, ratio: 0.8, reprojectionPixels: 4);

        Assert.True(query.Count > 100 && candidate.Count > 100, $"{query.Count} and {candidate.Count} keypoints");
        Assert.True(inliers >= 30, $"{inliers} inliers");
        Assert.NotNull(found);
        foreach (var (x, y) in new[] { (128.0, 128.0), (384.0, 128.0), (256.0, 256.0), (128.0, 384.0), (384.0, 384.0) })
        {
            var (ex, ey) = truth.Apply(x, y);
            var (ax, ay) = found.Apply(x, y);
            Assert.True(Math.Sqrt((ax - ex) * (ax - ex) + (ay - ey) * (ay - ey)) < 3, $"({x}, {y}) → ({ax:F1}, {ay:F1}), expected ({ex:F1}, {ey:F1})");
        }
    }

    [Fact]
    public void A_different_image_does_not_verify()
    {
        var query = OpenCvVision.Extract(SyntheticScene.Render(seed: 11), MaxFeatures);
        var other = OpenCvVision.Extract(SyntheticScene.Render(seed: 12), MaxFeatures);

        var (inliers, _) = OpenCvVision.Verify(query, other, ratio: 0.8, reprojectionPixels: 4);

        Assert.True(inliers < 10, $"{inliers} inliers");
    }

    [Fact]
    public void Features_are_deterministic_and_within_the_image()
    {
        var image = SyntheticScene.Render(seed: 3);

        var first = OpenCvVision.Extract(image, MaxFeatures);
        var second = OpenCvVision.Extract(image, MaxFeatures);

        Assert.InRange(first.Count, 100, MaxFeatures);
        Assert.Equal(first.Xy, second.Xy);
        Assert.Equal(first.Descriptors, second.Descriptors);
        Assert.All(first.Xy, v => Assert.InRange(v, 0, 512));
        Assert.Equal((512, 512), (first.Width, first.Height));
    }

    [Fact]
    public void A_featureless_image_verifies_to_zero()
    {
        var blank = new PatchDb.Embedder.Models.RgbImage(64, 64, new byte[64 * 64 * 3]);
        var features = OpenCvVision.Extract(blank, MaxFeatures);

        Assert.Equal(0, features.Count);
        Assert.Equal(0, OpenCvVision.Verify(features, features, 0.8, 4).Inliers);
    }
}
