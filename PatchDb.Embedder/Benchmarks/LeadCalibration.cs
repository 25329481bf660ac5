namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// The Api's "a match must be earned" lead (Recognition:MinUnverifiedLead), from gallery photos alone: each gallery photo
/// is a query once with its design enrolled (its other photos) and once with it held out. Among those whose best group
/// reaches the threshold, a lead below δ over the runner-up group turns the answer into "candidate": that keeps a
/// known design's right answer only when it leads by δ and rejects a new design's false match when it does not. δ
/// maximises the mean of the two rates (verification, which this harness does not run, rescues known designs further).
/// </summary>
public static class LeadCalibration
{
    public static (double Lead, double KnownKept, double NewRejected) Calibrate(IReadOnlyList<BenchPhoto> gallery,
        Func<float[], float[], float> similarity, float threshold)
    {
        var known = new List<double>();
        var unknown = new List<double>();
        foreach (var photo in gallery)
        {
            var groups = new Dictionary<string, float>();
            foreach (var g in gallery.Where(g => !ReferenceEquals(g, photo)))
            {
                var s = similarity(photo.Vector, g.Vector);
                groups[g.Design] = groups.TryGetValue(g.Design, out var top) ? Math.Max(top, s) : s;
            }
            var ranked = groups.OrderByDescending(kv => kv.Value).ToList();
            if (ranked.Count >= 2 && ranked[0].Key == photo.Design && ranked[0].Value >= threshold)
            {
                known.Add(ranked[0].Value - ranked[1].Value);
            }
            var others = ranked.Where(kv => kv.Key != photo.Design).ToList();
            if (others.Count >= 2 && others[0].Value >= threshold)
            {
                unknown.Add(others[0].Value - others[1].Value);
            }
        }
        (double Lead, double Kept, double Rejected) best = (0, 1, 0);
        var bestScore = -1.0;
        foreach (var lead in Enumerable.Range(0, 101).Select(i => i * 0.001))
        {
            var kept = known.Count == 0 ? 1 : known.Count(l => l >= lead) / (double)known.Count;
            var rejected = unknown.Count == 0 ? 0 : unknown.Count(l => l < lead) / (double)unknown.Count;
            if ((kept + rejected) / 2 > bestScore + 1e-9)
            {
                (best, bestScore) = ((lead, kept, rejected), (kept + rejected) / 2);
            }
        }
        return best;
    }
}
