namespace PatchDb.Embedder.Vision;

/// <summary>Clips a convex polygon by a half-plane (one Sutherland–Hodgman pass), keeping the vertex order.</summary>
public static class ConvexClip
{
    /// <summary>The part of <paramref name="polygon"/> where nx·x + ny·y ≤ c.</summary>
    public static List<(double X, double Y)> HalfPlane(IReadOnlyList<(double X, double Y)> polygon, double nx, double ny, double c)
    {
        var result = new List<(double X, double Y)>();
        for (var i = 0; i < polygon.Count; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Count]);
            double da = nx * a.X + ny * a.Y - c, db = nx * b.X + ny * b.Y - c;
            if (da <= 0) result.Add(a);
            if (da < 0 != db < 0 && da != db)
            {
                var t = da / (da - db);
                result.Add((a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y)));
            }
        }
        return result;
    }
}
