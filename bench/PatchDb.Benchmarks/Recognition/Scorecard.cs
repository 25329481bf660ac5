using System.Globalization;
using System.Text;

namespace PatchDb.Benchmarks.Recognition;

/// <summary>The protocol's numbers over a set of query outcomes, as a markdown table.</summary>
public static class Scorecard
{
    public static string Render(IReadOnlyList<QueryOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine("| queries | n | recall@1 | recall@5 | MRR | separation | median margin | decision accuracy |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        var known = outcomes.Where(o => o.CorrectGroup is not null).ToList();
        Row(text, "known designs", known);
        foreach (var category in known.Select(o => o.Category).Distinct().Order())
        {
            Row(text, $"known: {category}", known.Where(o => o.Category == category).ToList());
        }

        var held = outcomes.Where(o => o.CorrectGroup is null).ToList();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| held-out designs (new) | {held.Count} | – | – | – | – | – | {Fraction(held.Count(o => o.DecisionCorrect), held.Count)} |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| **all queries** | {outcomes.Count} | – | – | – | – | – | **{Fraction(outcomes.Count(o => o.DecisionCorrect), outcomes.Count)}** |");
        return text.ToString();
    }

    public static string Latency(string what, IReadOnlyList<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            return $"{what}: no samples";
        }

        var ms = samples.Select(s => s.TotalMilliseconds).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{what} (n={ms.Length}): p50 {Percentile(ms, 0.50):F0} ms, p95 {Percentile(ms, 0.95):F0} ms, p99 {Percentile(ms, 0.99):F0} ms, max {ms[^1]:F0} ms");
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Row(StringBuilder text, string name, IReadOnlyList<QueryOutcome> known)
    {
        var n = known.Count;
        var margins = known.Select(o => o.Margin).OfType<double>().Order().ToArray();
        var median = margins.Length == 0 ? "–" : Percentile(margins, 0.5).ToString("F3", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {n} | {Fraction(known.Count(o => o.Rank == 1), n)} | {Fraction(known.Count(o => o.Rank <= 5), n)} | " +
            $"{(n == 0 ? 0 : known.Sum(o => o.Rank is { } r ? 1.0 / r : 0) / n):F3} | {Fraction(known.Count(o => o.Separated), n)} | " +
            $"{median} | {Fraction(known.Count(o => o.DecisionCorrect), n)} |");
    }

    private static string Fraction(int count, int total) =>
        total == 0 ? "–" : (count / (double)total).ToString("F3", CultureInfo.InvariantCulture);
}
