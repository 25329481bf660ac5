namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Straight sides in an outline's boundary points, found one after another by exhaustive two-point RANSAC (deterministic)
/// and refined by total least squares. Patches are mostly rectangles seen in perspective, so up to four sides.
/// </summary>
public static class QuadrilateralFit
{
    /// <summary>
    /// Up to <paramref name="maxSides"/> lines, each supported by at least <paramref name="minSupport"/> of the points
    /// within <paramref name="tolerance"/>; each line's points are removed before the next is searched.
    /// </summary>
    public static List<OutlineSide> Sides(IReadOnlyList<(double X, double Y)> points, int maxSides, int minSupport, double tolerance)
    {
        var remaining = points.ToList();
        var sides = new List<OutlineSide>();
        while (sides.Count < maxSides && remaining.Count >= minSupport)
        {
            var best = BestLine(remaining, tolerance);
            if (best.Support < minSupport) break;
            var inliers = remaining.Where(p => Math.Abs(best.Nx * p.X + best.Ny * p.Y - best.C) <= tolerance).ToList();
            var refined = Refit(inliers);
            sides.Add(refined with { Support = inliers.Count });
            remaining = remaining.Where(p => Math.Abs(best.Nx * p.X + best.Ny * p.Y - best.C) > tolerance).ToList();
        }
        return sides;
    }

    private static OutlineSide BestLine(List<(double X, double Y)> points, double tolerance)
    {
        var best = new OutlineSide(1, 0, 0, 0);
        for (var i = 0; i < points.Count; i++)
            for (var j = i + 1; j < points.Count; j++)
            {
                double dx = points[j].X - points[i].X, dy = points[j].Y - points[i].Y, length = Math.Sqrt(dx * dx + dy * dy);
                // Nearby pairs give badly determined directions.
                if (length < 4 * tolerance) continue;
                double nx = -dy / length, ny = dx / length, c = nx * points[i].X + ny * points[i].Y;
                var support = 0;
                foreach (var p in points)
                    if (Math.Abs(nx * p.X + ny * p.Y - c) <= tolerance) support++;
                if (support > best.Support) best = new OutlineSide(nx, ny, c, support);
            }
        return best;
    }

    /// <summary>Total least squares: the line through the mean along the principal direction.</summary>
    private static OutlineSide Refit(List<(double X, double Y)> points)
    {
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double sxx = 0, syy = 0, sxy = 0;
        foreach (var (x, y) in points)
        {
            sxx += (x - mx) * (x - mx);
            syy += (y - my) * (y - my);
            sxy += (x - mx) * (y - my);
        }
        var angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        double nx = -Math.Sin(angle), ny = Math.Cos(angle);
        return new OutlineSide(nx, ny, nx * mx + ny * my, points.Count);
    }
}
