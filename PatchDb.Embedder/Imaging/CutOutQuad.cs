using OpenCvSharp;

namespace PatchDb.Embedder.Imaging;

/// <summary>
/// The four corners a cut-out is rectified from (top-left, top-right, bottom-right, bottom-left). Most patches are
/// rectangles seen in perspective: the outline simplified to four vertices, each side then snapped to the photo's
/// pixel edges (the segmenter's outline is a few pixels coarse). Round and odd shapes, which four vertices fit badly,
/// get the smallest enclosing rotated rectangle instead: upright, not perspective-corrected.
/// </summary>
internal static class CutOutQuad
{
    /// <summary>A quadrilateral covering at least this share of the outline's area (and not much more) describes it.</summary>
    private const double MinAreaRatio = 0.9;

    /// <summary>Sides are searched for edges from this many cells outside the coarse outline to this many inside.</summary>
    private const double ReachOut = 1, ReachIn = 3;

    /// <summary>The corners, and whether they are a rectangle's seen in perspective (else the enclosing rectangle's).</summary>
    public static (Point2f[] Corners, bool IsRectangle) Fit(Point2f[] hull, Mat edges, double cell)
    {
        var quad = Simplify(hull);
        if (quad is null)
        {
            return (Upright(Clockwise(Cv2.MinAreaRect(hull).Points())), false);
        }

        return (Snap(Upright(Clockwise(quad)), edges, cell), true);
    }

    private static Point2f[]? Simplify(Point2f[] hull)
    {
        var perimeter = Cv2.ArcLength(hull, true);
        var area = Math.Abs(Cv2.ContourArea(hull));
        for (var f = 0.01; f <= 0.12; f += 0.005)
        {
            var approx = Cv2.ApproxPolyDP(hull, f * perimeter, true);
            if (approx.Length < 4)
            {
                return null;
            }

            if (approx.Length == 4)
            {
                var ratio = Math.Abs(Cv2.ContourArea(approx)) / Math.Max(area, 1);
                return ratio is >= MinAreaRatio and <= 1.05 ? approx : null;
            }
        }

        return null;
    }

    /// <summary>Clockwise on screen (y down): positive shoelace area.</summary>
    private static Point2f[] Clockwise(Point2f[] quad)
    {
        double sum = 0;
        for (var i = 0; i < 4; i++)
        {
            var (a, b) = (quad[i], quad[(i + 1) % 4]);
            sum += a.X * b.Y - b.X * a.Y;
        }

        return sum >= 0 ? quad : [.. quad.Reverse()];
    }

    /// <summary>Starts at the corner whose outgoing side points most nearly along +x: the photo's own "up" wins, so a
    /// patch photographed tilted by up to 45° comes out upright.</summary>
    private static Point2f[] Upright(Point2f[] quad)
    {
        var start = Enumerable.Range(0, 4).MaxBy(i =>
        {
            var (a, b) = (quad[i], quad[(i + 1) % 4]);
            var length = Math.Max(1e-6, Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y)));
            return (b.X - a.X) / length;
        });
        return [.. Enumerable.Range(0, 4).Select(i => quad[(start + i) % 4])];
    }

    /// <summary>Each side refitted (Huber line fit) to the outermost edge pixels near it; a side without enough edge
    /// support, or corners that would move far, keep the coarse outline.</summary>
    private static Point2f[] Snap(Point2f[] quad, Mat edges, double cell)
    {
        var lines = new Line2D?[4];
        for (var i = 0; i < 4; i++)
        {
            lines[i] = SideLine(quad[i], quad[(i + 1) % 4], edges, cell);
        }

        var snapped = new Point2f[4];
        for (var i = 0; i < 4; i++)
        {
            // Corner i joins side i-1 and side i.
            var (before, after) = (lines[(i + 3) % 4], lines[i]);
            var corner = before is { } p && after is { } q ? Intersect(p, q) : null;
            snapped[i] = corner is { } c && Math.Abs(c.X - quad[i].X) <= 4 * cell && Math.Abs(c.Y - quad[i].Y) <= 4 * cell ? c : quad[i];
        }

        return snapped;
    }

    private static Line2D? SideLine(Point2f a, Point2f b, Mat edges, double cell)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, length = Math.Sqrt(dx * dx + dy * dy);
        if (length < 8)
        {
            return null;
        }

        // Outward normal of a clockwise (screen) polygon.
        double ux = dx / length, uy = dy / length, nx = uy, ny = -ux;
        var points = new List<Point2f>();
        var samples = 0;
        for (var t = 0.15 * length; t <= 0.85 * length; t += 1)
        {
            samples++;
            for (var s = ReachOut * cell; s >= -ReachIn * cell; s -= 0.5)
            {
                int x = (int)Math.Round(a.X + ux * t + nx * s), y = (int)Math.Round(a.Y + uy * t + ny * s);
                if (x >= 0 && y >= 0 && x < edges.Cols && y < edges.Rows && edges.At<byte>(y, x) != 0)
                {
                    points.Add(new Point2f(x, y));
                    break;
                }
            }
        }

        return points.Count < 0.3 * samples ? null : Cv2.FitLine(points, DistanceTypes.Huber, 0, 0.01, 0.01);
    }

    private static Point2f? Intersect(Line2D p, Line2D q)
    {
        var det = p.Vx * q.Vy - p.Vy * q.Vx;
        if (Math.Abs(det) < 1e-6)
        {
            return null;
        }

        var t = ((q.X1 - p.X1) * q.Vy - (q.Y1 - p.Y1) * q.Vx) / det;
        return new Point2f((float)(p.X1 + t * p.Vx), (float)(p.Y1 + t * p.Vy));
    }
}
