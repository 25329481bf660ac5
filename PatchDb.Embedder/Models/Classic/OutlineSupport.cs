namespace PatchDb.Embedder.Models.Classic;

/// <summary>How much of a candidate outline lies on the photo's edges: a real patch border is an edge all round.</summary>
public static class OutlineSupport
{
    /// <summary>Perimeter samples per grid cell: dense enough that a one-cell gap always costs samples.</summary>
    private const double SamplesPerCell = 2;

    /// <summary>
    /// Outlines derived from the dilated edge cluster sit up to two cells outside the edge cells (one for the pooling,
    /// one for the dilation), so an edge within this distance supports a perimeter point.
    /// </summary>
    private const int Reach = 2;

    /// <summary>Fraction of the closed polygon's perimeter within <see cref="Reach"/> cells of an edge cell.</summary>
    public static double Fraction(IReadOnlyList<(double X, double Y)> polygon, bool[] edges, int width, int height)
    {
        int total = 0, onEdge = 0;
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            var length = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            var steps = Math.Max(1, (int)Math.Ceiling(length * SamplesPerCell));
            for (var s = 0; s < steps; s++)
            {
                var t = s / (double)steps;
                total++;
                if (NearEdge(a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y), edges, width, height)) onEdge++;
            }
        }
        return total == 0 ? 0 : onEdge / (double)total;
    }

    private static bool NearEdge(double x, double y, bool[] edges, int width, int height)
    {
        int cx = (int)Math.Round(x), cy = (int)Math.Round(y);
        for (var dy = -Reach; dy <= Reach; dy++)
            for (var dx = -Reach; dx <= Reach; dx++)
            {
                int px = cx + dx, py = cy + dy;
                if (px >= 0 && py >= 0 && px < width && py < height && edges[py * width + px]) return true;
            }
        return false;
    }
}
