using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// When the patch's outline does not close (a low-contrast stretch of border, a shadow, a thumb), filling the edge
/// cluster fails and cutting thin parts then keeps an arbitrary piece of the design. The cluster's outer boundary
/// still shows the patch's straight sides: fit them, cut the cluster's convex hull back to them (stray edges outside
/// a side go), and use that outline if edges support it along its perimeter.
/// </summary>
public static class LeakedOutlineRepair
{
    /// <summary>
    /// A closed outline fills nearly its whole hull; a leaked one only the outline band and the design's own closed
    /// shapes. Chosen on the gallery photos (leave-one-out recall@1 plateaus from 0.6 to 0.8; docs/classic-v1.md).
    /// </summary>
    public const double LeakedFillRatio = 0.7;

    /// <summary>Rays from the hull's centre that find the outer boundary: 2° apart, about one per cell of a typical patch's perimeter.</summary>
    private const int Rays = 180;

    /// <summary>A side must carry this fraction of the boundary points (a quarter of them if the patch were square, about
    /// 15 % for the short side of a 2:1 rectangle).</summary>
    private const double MinSideFraction = 0.1;

    /// <summary>Boundary points within this many cells of a line belong to it (the pooled edge is one cell wide).</summary>
    private const double Tolerance = 1;

    /// <summary>
    /// At most a tenth of the repaired outline may lie off edges (the leaked stretch), or it is not the patch's border:
    /// background streaks joined to the patch also make straight, edge-supported sides, but not all round.
    /// </summary>
    public const double MinPerimeterSupport = 0.9;

    /// <summary>
    /// The repaired outline (counter-clockwise) when the outline leaked and edges support the repair along its
    /// perimeter; otherwise <paramref name="current"/>.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Outline(bool[] cluster, bool[] filled, bool[] edges,
        IReadOnlyList<(double X, double Y)> current, int width, int height)
    {
        var assessment = Assess(cluster, filled, edges, current, width, height);
        if (assessment.FillRatio >= LeakedFillRatio || assessment.Support < MinPerimeterSupport) return current;
        return assessment.Outline;
    }

    /// <summary>Fill ratio, candidate outline and its perimeter support (for diagnostics and tests).</summary>
    public static OutlineRepairAssessment Assess(bool[] cluster, bool[] filled, bool[] edges,
        IReadOnlyList<(double X, double Y)> current, int width, int height)
    {
        var points = BinaryMask.Points(cluster, width, height);
        if (points.Count < 3) return new OutlineRepairAssessment(1, [], 0);
        var hull = ConvexHull.Compute(points);
        var hullArea = ConvexHull.Area(hull);
        // Leaked: the fill covers much less than the cluster's hull, or cutting thin parts left much less than the fill
        // (a ring of outline and design edges is all thin parts; a finger is a small part).
        var fillRatio = hullArea > 0 ? filled.Count(f => f) / hullArea : 1;
        fillRatio = Math.Min(fillRatio, hullArea > 0 ? ConvexHull.Area(current) / hullArea : 1);
        if (fillRatio >= LeakedFillRatio) return new OutlineRepairAssessment(fillRatio, hull, 0);

        var centre = (X: hull.Average(p => p.X), Y: hull.Average(p => p.Y));
        var boundary = OuterBoundary(cluster, width, height, centre);
        var sides = QuadrilateralFit.Sides(boundary, 4, (int)Math.Ceiling(MinSideFraction * boundary.Count), Tolerance);
        var outline = hull;
        foreach (var side in sides)
        {
            // Keep the half-plane that holds the centre, out to the side's outermost points (as far as the hull would
            // reach without outliers, so that a repaired outline is not smaller than an unrepaired one).
            var sign = side.Nx * centre.X + side.Ny * centre.Y <= side.C ? 1 : -1;
            outline = ConvexClip.HalfPlane(outline, sign * side.Nx, sign * side.Ny, sign * side.C + Tolerance);
        }
        if (outline.Count < 3) return new OutlineRepairAssessment(fillRatio, outline, 0);
        return new OutlineRepairAssessment(fillRatio, outline, OutlineSupport.Fraction(outline, edges, width, height));
    }

    /// <summary>The outermost cluster cell along each ray from the centre: a gap shows up as an inward dip, a stray
    /// edge as an outward bump, and both are outliers to the sides' line fit.</summary>
    private static List<(double X, double Y)> OuterBoundary(bool[] cluster, int width, int height, (double X, double Y) centre)
    {
        var result = new List<(double X, double Y)>();
        var reach = Math.Sqrt(width * width + height * height);
        for (var r = 0; r < Rays; r++)
        {
            double angle = 2 * Math.PI * r / Rays, dx = Math.Cos(angle), dy = Math.Sin(angle);
            (double X, double Y)? last = null;
            for (var t = 0.0; t < reach; t += 0.5)
            {
                int x = (int)Math.Round(centre.X + t * dx), y = (int)Math.Round(centre.Y + t * dy);
                if (x < 0 || y < 0 || x >= width || y >= height) break;
                if (cluster[y * width + x]) last = (x, y);
            }
            if (last is { } p && !result.Contains(p)) result.Add(p);
        }
        return result;
    }
}
