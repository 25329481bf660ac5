namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Verification of several designs at once, where an inlier counts for a design only when its query feature points at
/// that design rather than at another candidate design: its nearest descriptor among the design's photos must be nearer
/// than <c>designRatio</c> × its nearest among any other design's. Lowe's ratio test, across designs instead of within
/// one photo. A brand's logo on its sibling products, or the same shelf behind two products photographed at one spot,
/// matches several designs alike and so decides nothing; what tells the design apart (its own name, picture, colours)
/// still counts. With one design among the candidates every inlier counts, as in plain verification. A candidate of no
/// known design (null: a photo not filed in any group, perhaps of the very design another candidate shows) is verified
/// plainly and is no rival to any design.
/// </summary>
public static class DistinctiveInliers
{
    /// <summary>Colour-consistent inliers of each candidate, all of them and the distinctive ones, in candidate order;
    /// <paramref name="designs"/> labels each candidate's design (candidates with the same label are photos of one
    /// design; null, none).</summary>
    public static (int[] All, int[] Distinctive) Count(LocalFeatureSet query, IReadOnlyList<LocalFeatureSet> candidates, IReadOnlyList<string?> designs,
        LocalFeatureOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(designs.Count, candidates.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        var neighbours = new Neighbours?[candidates.Count];
        Parallel.For(0, candidates.Count, parallel, i => neighbours[i] = FeatureMatches.Nearest(query, candidates[i]));
        var rivals = RivalDistances(query.Count, neighbours, designs);
        var squaredRatio = options.DesignRatio * options.DesignRatio;
        var all = new int[candidates.Count];
        var counts = new int[candidates.Count];
        Parallel.For(0, candidates.Count, parallel, i =>
        {
            var candidate = candidates[i];
            var (from, to, queryIndex) = FeatureMatches.OneToOne(query, candidate, neighbours[i], options.Ratio);
            var (h, inliers) = OpenCvVision.VerifyMatches(from, to, options.ReprojectionPixels);
            var distinctive = 0;
            for (var j = 0; j < inliers.Length; j++)
            {
                var q = queryIndex[j];
                var rival = designs[i] is { } design ? rivals[design][q] : int.MaxValue;
                if (inliers[j] && (rival == int.MaxValue || neighbours[i]!.First[q] < squaredRatio * rival))
                {
                    distinctive++;
                }
            }

            // One colour comparison weighs both counts.
            var share = OpenCvVision.ColourShare(query, candidate, h, from, inliers);
            all[i] = OpenCvVision.Weighed(inliers.Count(x => x), share);
            counts[i] = OpenCvVision.Weighed(distinctive, share);
        });
        return (all, counts);
    }

    /// <summary>Per design, per query feature: the squared distance to its nearest descriptor in any other design's
    /// photos (int.MaxValue when there is no other design).</summary>
    internal static Dictionary<string, int[]> RivalDistances(int queryCount, IReadOnlyList<Neighbours?> neighbours, IReadOnlyList<string?> designs)
    {
        var nearest = new Dictionary<string, int[]>();
        for (var i = 0; i < neighbours.Count; i++)
        {
            if (designs[i] is not { } design)
            {
                continue;
            }

            if (!nearest.TryGetValue(design, out var own))
            {
                nearest[design] = own = Filled(queryCount);
            }

            if (neighbours[i] is { } found)
            {
                for (var q = 0; q < queryCount; q++)
                {
                    own[q] = Math.Min(own[q], found.First[q]);
                }
            }
        }

        // The best and second-best design per feature give every design's best rival in one pass.
        var best = Filled(queryCount);
        var runnerUp = Filled(queryCount);
        var bestDesign = new string?[queryCount];
        foreach (var (design, distances) in nearest)
        {
            for (var q = 0; q < queryCount; q++)
            {
                if (distances[q] < best[q])
                {
                    (runnerUp[q], best[q], bestDesign[q]) = (best[q], distances[q], design);
                }
                else if (distances[q] < runnerUp[q])
                {
                    runnerUp[q] = distances[q];
                }
            }
        }

        return nearest.ToDictionary(d => d.Key, d =>
        {
            var rivals = new int[queryCount];
            for (var q = 0; q < queryCount; q++)
            {
                rivals[q] = bestDesign[q] == d.Key ? runnerUp[q] : best[q];
            }
            return rivals;
        });
    }

    private static int[] Filled(int count)
    {
        var values = new int[count];
        Array.Fill(values, int.MaxValue);
        return values;
    }
}
