using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Embedder;

public sealed class HomographyRecoveryTests
{
    [Fact]
    public void A_homography_is_recovered_from_correspondences_with_30_percent_outliers()
    {
        var truth = new Homography([0.9, -0.3, 40, 0.25, 1.1, -15, 2e-4, -1e-4, 1]);
        var random = new Random(7);
        const int count = 100;
        var (from, to, isInlier) = (new float[2 * count], new float[2 * count], new bool[count]);
        for (var i = 0; i < count; i++)
        {
            var (x, y) = (random.NextDouble() * 500, random.NextDouble() * 500);
            var (u, v) = truth.Apply(x, y);
            isInlier[i] = i % 10 >= 3;
            if (!isInlier[i])
            {
                // Displaced 15–60 px in a random direction: far beyond the 4 px threshold.
                var (angle, distance) = (random.NextDouble() * 2 * Math.PI, 15 + random.NextDouble() * 45);
                (u, v) = (u + distance * Math.Cos(angle), v + distance * Math.Sin(angle));
            }

            (from[2 * i], from[2 * i + 1], to[2 * i], to[2 * i + 1]) = ((float)x, (float)y, (float)u, (float)v);
        }

        var (found, inliers) = OpenCvVision.FindHomography(from, to, reprojectionPixels: 4);

        Assert.NotNull(found);
        Assert.Equal(isInlier, inliers);
        for (var i = 0; i < 9; i++)
        {
            // float32 coordinates (≈ 3e-5 px at 500 px) bound the achievable precision.
            var tolerance = i < 6 ? 1e-4 * Math.Max(1, Math.Abs(truth.H[i])) : 1e-7;
            Assert.True(Math.Abs(found.H[i] - truth.H[i]) <= tolerance, $"h[{i}] = {found.H[i]}, expected {truth.H[i]}");
        }
    }

    [Fact]
    public void Fewer_than_four_correspondences_are_refused()
    {
        Assert.Throws<ArgumentException>(() => OpenCvVision.FindHomography([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2], 4));
    }
}
