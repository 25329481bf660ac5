namespace PatchDb.Embedder.Vision;

/// <summary>Convex hull of integer points (Andrew's monotone chain) and point-in-hull tests.</summary>
public static class ConvexHull
{
    /// <summary>Hull vertices in counter-clockwise order (y up) without repeating the first one.</summary>
    public static List<(double X, double Y)> Compute(IEnumerable<(double X, double Y)> points)
    {
        var p = points.Distinct().OrderBy(q => q.X).ThenBy(q => q.Y).ToList();
        if (p.Count < 3) return p;
        var hull = new (double X, double Y)[2 * p.Count];
        var k = 0;
        for (var i = 0; i < p.Count; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        for (int i = p.Count - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        return hull[..(k - 1)].ToList();
    }

    public static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);

    /// <summary>Area by the shoelace formula (positive for counter-clockwise order).</summary>
    public static double Area(IReadOnlyList<(double X, double Y)> hull)
    {
        double s = 0;
        for (var i = 0; i < hull.Count; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Count];
            s += a.X * b.Y - b.X * a.Y;
        }
        return s / 2;
    }

    /// <summary>Fills a mask with the pixels whose centres lie inside the (counter-clockwise) hull.</summary>
    public static bool[] Rasterise(IReadOnlyList<(double X, double Y)> hull, int width, int height)
    {
        var mask = new bool[width * height];
        if (hull.Count < 3) return mask;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var inside = true;
                for (var i = 0; i < hull.Count && inside; i++)
                {
                    inside = Cross(hull[i], hull[(i + 1) % hull.Count], (x, y)) >= -1e-9;
                }
                mask[y * width + x] = inside;
            }
        }
        return mask;
    }
}
