using OpenCvSharp;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>Putative correspondences between two feature sets: brute-force 2-NN, Lowe's ratio test, one-to-one.</summary>
internal static class FeatureMatches
{
    /// <summary>Fewer putative matches than this cannot support a meaningful homography (4 fit it exactly).</summary>
    public const int MinGoodMatches = 6;

    /// <summary>Matched positions as (x0, y0, x1, y1, …) in the query and in the candidate, in candidate order.</summary>
    public static (float[] From, float[] To) OneToOne(LocalFeatureSet query, LocalFeatureSet candidate, double ratio)
    {
        // The ratio test needs two neighbours.
        if (query.Count < 2 || candidate.Count < 2)
        {
            return ([], []);
        }

        const int dims = LocalFeatureSet.DescriptorLength;
        using var q = Mat.FromPixelData(query.Count, dims, MatType.CV_32F, RootSift.Dequantise(query.Descriptors));
        using var c = Mat.FromPixelData(candidate.Count, dims, MatType.CV_32F, RootSift.Dequantise(candidate.Descriptors));
        using var matcher = new BFMatcher(NormTypes.L2);
        var knn = matcher.KnnMatch(q, c, 2);

        // Several query points claiming the same candidate point (repeated texture) would otherwise count one piece
        // of evidence many times: the closest claim wins.
        var best = new int[candidate.Count];
        var bestDistance = new float[candidate.Count];
        Array.Fill(best, -1);
        foreach (var pair in knn)
        {
            if (pair.Length < 2 || pair[0].Distance >= (float)ratio * pair[1].Distance)
            {
                continue;
            }

            var t = pair[0].TrainIdx;
            if (best[t] < 0 || pair[0].Distance < bestDistance[t])
            {
                (best[t], bestDistance[t]) = (pair[0].QueryIdx, pair[0].Distance);
            }
        }

        var from = new List<float>();
        var to = new List<float>();
        for (var t = 0; t < candidate.Count; t++)
        {
            if (best[t] >= 0)
            {
                from.Add(query.Xy[2 * best[t]]);
                from.Add(query.Xy[2 * best[t] + 1]);
                to.Add(candidate.Xy[2 * t]);
                to.Add(candidate.Xy[2 * t + 1]);
            }
        }

        return ([.. from], [.. to]);
    }
}
