using PatchDb.Embedder.Vision;

namespace PatchDb.Tests.Classic;

public sealed class GeometryTests
{
    private static readonly double[] KnownH = [1.2, 0.15, 30, -0.1, 0.9, 12, 0.0004, -0.0003, 1];

    [Fact]
    public void Homography_is_recovered_exactly_from_four_correspondences()
    {
        var truth = new Homography(KnownH);
        (double X, double Y)[] from = [(0, 0), (200, 10), (190, 150), (5, 160)];
        var to = from.Select(p => truth.Apply(p.X, p.Y)).ToArray();

        var fitted = Homography.Fit(from, to)!;

        for (var i = 0; i < 9; i++) Assert.Equal(KnownH[i], fitted.H[i], 1e-7);
    }

    [Fact]
    public void Homography_least_squares_over_many_noisy_points_stays_within_half_a_pixel()
    {
        var truth = new Homography(KnownH);
        var random = new Random(7);
        var from = Enumerable.Range(0, 40).Select(_ => (X: random.NextDouble() * 300, Y: random.NextDouble() * 200)).ToArray();
        var to = from.Select(p => truth.Apply(p.X, p.Y)).Select(p => (p.X + (random.NextDouble() - 0.5) * 0.4, p.Y + (random.NextDouble() - 0.5) * 0.4)).ToArray();

        var fitted = Homography.Fit(from, to)!;

        foreach (var (x, y) in new[] { (0.0, 0.0), (300.0, 0.0), (150.0, 100.0), (300.0, 200.0) })
        {
            var (ex, ey) = truth.Apply(x, y);
            var (fx, fy) = fitted.Apply(x, y);
            Assert.True(Math.Sqrt((ex - fx) * (ex - fx) + (ey - fy) * (ey - fy)) < 0.5, $"({x},{y}) off by more than 0.5 px");
        }
    }

    [Fact]
    public void Homography_of_collinear_points_is_rejected()
    {
        (double X, double Y)[] line = [(0, 0), (1, 1), (2, 2), (3, 3)];

        Assert.Null(Homography.Fit(line, line));
    }

    [Fact]
    public void Convex_hull_keeps_only_the_corners_and_measures_the_area()
    {
        var points = new List<(double X, double Y)> { (0, 0), (10, 0), (10, 5), (0, 5), (5, 2), (3, 4), (10, 2) };

        var hull = ConvexHull.Compute(points);

        Assert.Equal(4, hull.Count);
        Assert.Equal(50, Math.Abs(ConvexHull.Area(hull)), 1e-9);
        var mask = ConvexHull.Rasterise(hull, 12, 7);
        Assert.Equal(11 * 6, mask.Count(m => m));
    }

    [Fact]
    public void Moment_map_sends_the_unit_disc_onto_an_ellipse_of_the_same_second_moments()
    {
        // A filled axis-aligned 40×10 rectangle: variances 40²/12 and 10²/12, so the map scales x by 2·40/√12.
        int w = 60, h = 30;
        var mask = new bool[w * h];
        for (var y = 10; y < 20; y++) for (var x = 10; x < 50; x++) mask[y * w + x] = true;

        var m = ShapeMoments.FromMask(mask, w, h);
        var (a, b, c, d) = m.UnitDiscMap();

        Assert.Equal((29.5, 14.5), (m.Cx, m.Cy));
        Assert.Equal(2 * Math.Sqrt(40 * 40 / 12.0), a, 0.05);
        Assert.Equal(2 * Math.Sqrt(10 * 10 / 12.0), d, 0.05);
        Assert.Equal(0, b, 1e-9);
        Assert.Equal(0, c, 1e-9);
    }

    [Fact]
    public void Linear_solver_solves_a_pivoting_system_and_reports_singular_ones()
    {
        var x = LinearSolver.Solve(new double[,] { { 0, 2, 1 }, { 1, 1, 1 }, { 2, 1, 0 } }, [7, 6, 4]);

        Assert.NotNull(x);
        Assert.Equal([1.0, 2.0, 3.0], x.Select(v => Math.Round(v, 9)));
        Assert.Null(LinearSolver.Solve(new double[,] { { 1, 2 }, { 2, 4 } }, [1, 2]));
    }
}
