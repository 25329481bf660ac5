namespace PatchDb.Embedder.Vision;

/// <summary>A 3×3 projective transform (row-major, h[8] = 1) mapping (x, y) to (x', y').</summary>
public sealed record Homography(double[] H)
{
    public (double X, double Y) Apply(double x, double y)
    {
        var w = H[6] * x + H[7] * y + H[8];
        return ((H[0] * x + H[1] * y + H[2]) / w, (H[3] * x + H[4] * y + H[5]) / w);
    }

    /// <summary>
    /// Direct linear transform from ≥ 4 correspondences, least squares over all of them. Points are first moved to
    /// their centroid and scaled to mean distance √2 (Hartley) so the system is well conditioned; null when degenerate.
    /// </summary>
    public static Homography? Fit(ReadOnlySpan<(double X, double Y)> from, ReadOnlySpan<(double X, double Y)> to)
    {
        if (from.Length < 4 || from.Length != to.Length) return null;
        var (ts, ns) = Normaliser(from);
        var (td, nd) = Normaliser(to);
        var n = from.Length;
        var a = new double[2 * n, 8];
        var b = new double[2 * n];
        for (var i = 0; i < n; i++)
        {
            var (x, y) = Map(ns, from[i]);
            var (u, v) = Map(nd, to[i]);
            a[2 * i, 0] = x; a[2 * i, 1] = y; a[2 * i, 2] = 1; a[2 * i, 6] = -u * x; a[2 * i, 7] = -u * y; b[2 * i] = u;
            a[2 * i + 1, 3] = x; a[2 * i + 1, 4] = y; a[2 * i + 1, 5] = 1; a[2 * i + 1, 6] = -v * x; a[2 * i + 1, 7] = -v * y; b[2 * i + 1] = v;
        }
        var h = LinearSolver.LeastSquares(a, b);
        if (h is null) return null;
        // Undo the normalisations: H = Td⁻¹ · Hn · Ts.
        double[] hn = [h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1];
        var full = Multiply(Inverse(td), Multiply(hn, ts));
        if (Math.Abs(full[8]) < 1e-15) return null;
        for (var i = 0; i < 9; i++) full[i] /= full[8];
        return new Homography(full);
    }

    private static (double[] T, (double Cx, double Cy, double S) N) Normaliser(ReadOnlySpan<(double X, double Y)> p)
    {
        double cx = 0, cy = 0;
        foreach (var q in p) { cx += q.X; cy += q.Y; }
        cx /= p.Length; cy /= p.Length;
        double d = 0;
        foreach (var q in p) d += Math.Sqrt((q.X - cx) * (q.X - cx) + (q.Y - cy) * (q.Y - cy));
        var s = d > 0 ? Math.Sqrt(2) * p.Length / d : 1;
        return ([s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1], (cx, cy, s));
    }

    private static (double, double) Map((double Cx, double Cy, double S) n, (double X, double Y) p) =>
        ((p.X - n.Cx) * n.S, (p.Y - n.Cy) * n.S);

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
        return r;
    }

    /// <summary>Inverse of a similarity normaliser [s 0 tx; 0 s ty; 0 0 1].</summary>
    private static double[] Inverse(double[] t) => [1 / t[0], 0, -t[2] / t[0], 0, 1 / t[4], -t[5] / t[4], 0, 0, 1];
}
