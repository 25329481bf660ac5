namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// Picks the "same design" threshold from gallery photos alone: each gallery photo is treated once as a query of a
/// known design (its best score against the other photos of its design) and once as a new design (its best score
/// against all other designs); the threshold maximises the mean of the two accuracies.
/// </summary>
public static class ThresholdCalibration
{
    public static float Calibrate(IReadOnlyList<BenchPhoto> gallery, Func<float[], float[], float> similarity)
    {
        var known = new List<float>();
        var unknown = new List<float>();
        foreach (var photo in gallery)
        {
            float same = float.MinValue, other = float.MinValue;
            foreach (var g in gallery)
            {
                if (ReferenceEquals(g, photo)) continue;
                var s = similarity(photo.Vector, g.Vector);
                if (g.Design == photo.Design) same = Math.Max(same, s);
                else other = Math.Max(other, s);
            }
            if (same > float.MinValue) known.Add(same);
            if (other > float.MinValue) unknown.Add(other);
        }
        var candidates = known.Concat(unknown).Distinct().Order().ToList();
        float best = 0.5f;
        var bestAccuracy = -1.0;
        for (var i = 0; i + 1 < candidates.Count; i++)
        {
            var t = (candidates[i] + candidates[i + 1]) / 2;
            var accuracy = (known.Count(s => s >= t) / (double)known.Count + unknown.Count(s => s < t) / (double)unknown.Count) / 2;
            if (accuracy > bestAccuracy) (best, bestAccuracy) = (t, accuracy);
        }
        return best;
    }

    /// <summary>
    /// Known-or-new decision accuracy and thresholded recall with 20 % of the designs held out of enrolment, over five
    /// folds: the threshold is calibrated on each fold's enrolled gallery; a known design's query is right when its
    /// design is ranked first at or above the threshold, a held-out design's query is right when nothing reaches the
    /// threshold; thresholded recall@k counts a known query when its group reaches the threshold and ranks ≤ k.
    /// </summary>
    public static HoldOutResult HoldOut(IReadOnlyList<BenchPhoto> photos, Func<float[], float[], float> similarity)
    {
        var designs = photos.Select(p => p.Design).Distinct().Order(StringComparer.Ordinal).ToList();
        int right = 0, total = 0, knownRight = 0, knownTotal = 0, newRight = 0, newTotal = 0, at1 = 0, at5 = 0;
        double thresholds = 0;
        for (var fold = 0; fold < 5; fold++)
        {
            var enrolled = designs.Where((_, i) => i % 5 != fold).ToHashSet();
            var threshold = Calibrate(photos.Where(p => !p.IsQuery && enrolled.Contains(p.Design)).ToList(), similarity);
            thresholds += threshold / 5.0;
            foreach (var o in RetrievalScorer.Rank(photos, similarity, enrolled))
            {
                var isKnown = enrolled.Contains(o.Query.Design);
                var ok = isKnown ? o.TopDesign == o.Query.Design && o.TopScore >= threshold : o.TopScore < threshold;
                total++;
                right += ok ? 1 : 0;
                if (isKnown)
                {
                    knownTotal++;
                    knownRight += ok ? 1 : 0;
                    var listed = o.CorrectScore >= threshold;
                    at1 += listed && o.Rank == 1 ? 1 : 0;
                    at5 += listed && o.Rank <= 5 ? 1 : 0;
                }
                else
                {
                    newTotal++;
                    newRight += ok ? 1 : 0;
                }
            }
        }
        return new HoldOutResult(right / (double)total, knownRight / (double)knownTotal, newRight / (double)newTotal,
            at1 / (double)knownTotal, at5 / (double)knownTotal, thresholds);
    }
}
