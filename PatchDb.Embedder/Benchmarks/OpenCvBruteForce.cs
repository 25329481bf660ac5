using OpenCvSharp;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>The matching verification used before <see cref="NearestDescriptors"/>: OpenCV's brute-force 2-NN on
/// dequantised floats, Lowe's ratio, one-to-one. Kept for bench-stages to compare speed and results with.</summary>
internal static class OpenCvBruteForce
{
    public static int OneToOneCount(LocalFeatureSet query, LocalFeatureSet candidate, double ratio)
    {
        if (query.Count < 2 || candidate.Count < 2)
        {
            return 0;
        }

        using var q = Mat.FromPixelData(query.Count, LocalFeatureSet.DescriptorLength, MatType.CV_32F, Floats(query.Descriptors));
        using var c = Mat.FromPixelData(candidate.Count, LocalFeatureSet.DescriptorLength, MatType.CV_32F, Floats(candidate.Descriptors));
        using var matcher = new BFMatcher(NormTypes.L2);
        var claimed = new Dictionary<int, float>();
        foreach (var pair in matcher.KnnMatch(q, c, 2))
        {
            if (pair.Length == 2 && pair[0].Distance < (float)ratio * pair[1].Distance
                && (!claimed.TryGetValue(pair[0].TrainIdx, out var distance) || pair[0].Distance < distance))
            {
                claimed[pair[0].TrainIdx] = pair[0].Distance;
            }
        }

        return claimed.Count;
    }

    private static float[] Floats(byte[] bytes) => [.. bytes.Select(b => b / 512f)];
}
