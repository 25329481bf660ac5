namespace PatchDb.Api.Benchmarks;

internal static class BenchmarkStats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Row(string label, List<double> milliseconds, double? perSecond = null)
    {
        milliseconds.Sort();
        var rate = perSecond is { } r ? $"{r:F1}" : "–";
        return $"| {label} | {milliseconds.Count} | {Percentile(milliseconds, 50):F1} | {Percentile(milliseconds, 95):F1} | {Percentile(milliseconds, 99):F1} | {rate} |";
    }
}
