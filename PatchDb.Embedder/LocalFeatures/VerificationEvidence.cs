namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// The evidence behind one verification: the same ratio-test matches and RANSAC homography as
/// <see cref="OpenCvVision.VerifyColourConsistent"/>, with the matches that the homography maps within the reprojection threshold
/// returned as pairs in the square derivatives' frame. The count is the colour-consistent one, as /v1/verify answers.
/// </summary>
public static class VerificationEvidence
{
    public static (int Inliers, List<Correspondence> Pairs) Find(LocalFeatureSet query, LocalFeatureSet candidate,
        double ratio, double reprojectionPixels, int maxPairs)
    {
        // One matching and one RANSAC serve the count and the pairs.
        var (homography, from, to, inliers) = OpenCvVision.VerifyMatches(query, candidate, ratio, reprojectionPixels);
        if (homography is null || !inliers.Contains(true))
        {
            return (0, []);
        }

        var scored = new List<(double Error, int Index)>();
        for (var i = 0; i < from.Length / 2; i++)
        {
            var (x, y) = homography.Apply(from[2 * i], from[2 * i + 1]);
            var error = Math.Sqrt((x - to[2 * i]) * (x - to[2 * i]) + (y - to[2 * i + 1]) * (y - to[2 * i + 1]));
            if (error <= reprojectionPixels)
            {
                scored.Add((error, i));
            }
        }

        // The best-fitting pairs first, so a capped list keeps the clearest evidence.
        var pairs = scored.OrderBy(s => s.Error).ThenBy(s => s.Index).Take(maxPairs).Select(s =>
        {
            var (qx, qy) = SquareFrame.Normalise(from[2 * s.Index], from[2 * s.Index + 1], query.Width, query.Height);
            var (gx, gy) = SquareFrame.Normalise(to[2 * s.Index], to[2 * s.Index + 1], candidate.Width, candidate.Height);
            return new Correspondence(Math.Round(qx, 5), Math.Round(qy, 5), Math.Round(gx, 5), Math.Round(gy, 5));
        }).ToList();
        return (OpenCvVision.ColourWeighed(query, candidate, homography, from, inliers), pairs);
    }
}
