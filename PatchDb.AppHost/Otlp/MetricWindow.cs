namespace PatchDb.AppHost.Otlp;

/// <summary>
/// What a counter or histogram recorded during a recent window, summed over all its series.
/// Works with cumulative points (difference to the last point before the window, or to the series start) and
/// delta points (sum of the points in the window).
/// </summary>
public sealed record MetricWindow(double Count, double Sum, double[] Buckets, IReadOnlyList<double> Bounds, double Seconds, double Total)
{
    public double Rate => Seconds > 0 ? Count / Seconds : double.NaN;
    public double Mean => Count > 0 ? Sum / Count : double.NaN;

    /// <summary>Upper bound of the bucket holding quantile <paramref name="q"/> (histograms only).</summary>
    public double Quantile(double q)
    {
        var total = Buckets.Sum();
        if (total <= 0 || Bounds.Count == 0)
        {
            return double.NaN;
        }
        var seen = 0.0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            seen += Buckets[i];
            if (seen >= q * total)
            {
                return Bounds[Math.Min(i, Bounds.Count - 1)];
            }
        }
        return Bounds[^1];
    }

    public static MetricWindow Of(IEnumerable<MetricPoint> points, TimeSpan window, DateTimeOffset now)
    {
        var from = now - window;
        double count = 0, sum = 0, total = 0;
        double[] buckets = [];
        IReadOnlyList<double> bounds = [];
        var earliest = now;
        foreach (var series in points.GroupBy(p => p.SeriesKey))
        {
            var ordered = series.OrderBy(p => p.Time).ToList();
            var last = ordered[^1];
            IEnumerable<MetricPoint> inWindow;
            MetricPoint? baseline = null;
            if (last.IsDelta)
            {
                inWindow = ordered.Where(p => p.Time > from);
                total += ordered.Sum(Amount);
            }
            else
            {
                baseline = ordered.LastOrDefault(p => p.Time <= from && p.Start == last.Start);
                inWindow = [last];
                total += Amount(last);
            }
            foreach (var p in inWindow)
            {
                count += Amount(p) - (baseline is null ? 0 : Amount(baseline));
                sum += p.Kind == MetricKind.Histogram ? p.Value - (baseline?.Value ?? 0) : 0;
                if (p.Buckets.Count > 0)
                {
                    if (buckets.Length < p.Buckets.Count)
                    {
                        Array.Resize(ref buckets, p.Buckets.Count);
                        bounds = p.Bounds;
                    }
                    for (var i = 0; i < p.Buckets.Count; i++)
                    {
                        buckets[i] += p.Buckets[i] - (baseline is { } b && i < b.Buckets.Count ? b.Buckets[i] : 0);
                    }
                }
                var begin = baseline?.Time ?? (last.IsDelta ? p.Start : last.Start);
                earliest = begin < earliest ? begin : earliest;
            }
        }
        var seconds = Math.Min((now - earliest).TotalSeconds, window.TotalSeconds);
        return new MetricWindow(count, sum, buckets, bounds, Math.Max(seconds, 0), total);
    }

    static double Amount(MetricPoint p) => p.Kind == MetricKind.Histogram ? p.Count : p.Value;
}
