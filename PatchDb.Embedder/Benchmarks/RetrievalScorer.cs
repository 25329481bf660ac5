namespace PatchDb.Embedder.Benchmarks;

/// <summary>The README protocol: a group's score is its best gallery photo; ties count against the correct group.</summary>
public static class RetrievalScorer
{
    public static List<QueryOutcome> Rank(IReadOnlyList<BenchPhoto> photos, Func<float[], float[], float> similarity, ISet<string>? enrolled = null)
    {
        var gallery = photos.Where(p => !p.IsQuery && (enrolled is null || enrolled.Contains(p.Design))).ToList();
        var outcomes = new List<QueryOutcome>();
        foreach (var query in photos.Where(p => p.IsQuery))
        {
            var groups = new Dictionary<string, float>();
            foreach (var g in gallery)
            {
                var s = similarity(query.Vector, g.Vector);
                groups[g.Design] = groups.TryGetValue(g.Design, out var best) ? Math.Max(best, s) : s;
            }
            var hasCorrect = groups.TryGetValue(query.Design, out var correct);
            var bestWrong = groups.Where(kv => kv.Key != query.Design).Select(kv => kv.Value).DefaultIfEmpty(float.MinValue).Max();
            var rank = hasCorrect ? 1 + groups.Count(kv => kv.Key != query.Design && kv.Value >= correct) : int.MaxValue;
            var top = groups.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == query.Design ? 1 : 0).First();
            outcomes.Add(new QueryOutcome(query, rank, hasCorrect ? correct : float.NaN, bestWrong, top.Key, top.Value));
        }
        return outcomes;
    }

    public static (double Recall1, double Recall5, double Mrr, double Separation, double MedianMargin) Summarise(IReadOnlyList<QueryOutcome> outcomes)
    {
        if (outcomes.Count == 0) return (0, 0, 0, 0, 0);
        var margins = outcomes.Select(o => (double)(o.CorrectScore - o.BestWrongScore)).Order().ToList();
        return (
            outcomes.Count(o => o.Rank == 1) / (double)outcomes.Count,
            outcomes.Count(o => o.Rank <= 5) / (double)outcomes.Count,
            outcomes.Average(o => o.Rank == int.MaxValue ? 0 : 1.0 / o.Rank),
            outcomes.Count(o => o.CorrectScore > o.BestWrongScore) / (double)outcomes.Count,
            margins[margins.Count / 2]);
    }
}
