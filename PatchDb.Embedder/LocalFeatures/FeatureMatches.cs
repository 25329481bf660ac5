namespace PatchDb.Embedder.LocalFeatures;

/// <summary>Putative correspondences between two feature sets: exact 2-NN (<see cref="NearestDescriptors"/>), Lowe's ratio
/// test, one-to-one.</summary>
internal static class FeatureMatches
{
    /// <summary>Fewer putative matches than this cannot support a meaningful homography (4 fit it exactly).</summary>
    public const int MinGoodMatches = 6;

    /// <summary>Matched positions as (x0, y0, x1, y1, …) in the query and in the candidate, in candidate order.</summary>
    public static (float[] From, float[] To) OneToOne(LocalFeatureSet query, LocalFeatureSet candidate, double ratio)
    {
        var (from, to, _) = OneToOne(query, candidate, Nearest(query, candidate), ratio);
        return (from, to);
    }

    /// <summary>Every query descriptor's two nearest among the candidate's; null when either side has fewer than two
    /// (the ratio test needs two neighbours).</summary>
    public static Neighbours? Nearest(LocalFeatureSet query, LocalFeatureSet candidate) =>
        query.Count < 2 || candidate.Count < 2
            ? null
            : new Neighbours(NearestDescriptors.TwoNearest(query.Descriptors, query.Count, candidate.Descriptors, candidate.Count));

    /// <summary>As <see cref="OneToOne(LocalFeatureSet, LocalFeatureSet, double)"/> from neighbours already found, with
    /// the query feature of each match.</summary>
    public static (float[] From, float[] To, int[] QueryIndex) OneToOne(LocalFeatureSet query, LocalFeatureSet candidate,
        Neighbours? neighbours, double ratio)
    {
        if (neighbours is not { } found)
        {
            return ([], [], []);
        }

        var (nearest, first, second) = (found.Nearest, found.First, found.Second);
        // Lowe's ratio on distances is the squared ratio on squared distances.
        var squaredRatio = ratio * ratio;

        // Several query points claiming the same candidate point (repeated texture) would otherwise count one piece
        // of evidence many times: the closest claim wins.
        var best = new int[candidate.Count];
        var bestDistance = new int[candidate.Count];
        Array.Fill(best, -1);
        for (var i = 0; i < query.Count; i++)
        {
            if (nearest[i] < 0 || second[i] == int.MaxValue || first[i] >= squaredRatio * second[i])
            {
                continue;
            }

            var t = nearest[i];
            if (best[t] < 0 || first[i] < bestDistance[t])
            {
                (best[t], bestDistance[t]) = (i, first[i]);
            }
        }

        var from = new List<float>();
        var to = new List<float>();
        var queryIndex = new List<int>();
        for (var t = 0; t < candidate.Count; t++)
        {
            if (best[t] >= 0)
            {
                from.Add(query.Xy[2 * best[t]]);
                from.Add(query.Xy[2 * best[t] + 1]);
                to.Add(candidate.Xy[2 * t]);
                to.Add(candidate.Xy[2 * t + 1]);
                queryIndex.Add(best[t]);
            }
        }

        return ([.. from], [.. to], [.. queryIndex]);
    }
}
