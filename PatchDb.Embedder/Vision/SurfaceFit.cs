namespace PatchDb.Embedder.Vision;

/// <summary>Robust least-squares fit of a quadratic surface v(x, y) = c0 + c1 x + c2 y + c3 x² + c4 xy + c5 y².</summary>
public static class SurfaceFit
{
    /// <summary>Fits to the samples, refits without those beyond 2.5 robust sigmas; coordinates should be ~-1..1.</summary>
    public static double[] FitQuadratic(ReadOnlySpan<(float X, float Y, float V)> samples)
    {
        var weights = new bool[samples.Length];
        Array.Fill(weights, true);
        var c = Fit(samples, weights) ?? [0, 0, 0, 0, 0, 0];
        var residuals = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++) residuals[i] = MathF.Abs(samples[i].V - (float)Evaluate(c, samples[i].X, samples[i].Y));
        var sorted = (float[])residuals.Clone();
        Array.Sort(sorted);
        var limit = Math.Max(2.5f * 1.4826f * sorted[sorted.Length / 2], 1e-4f);
        for (var i = 0; i < samples.Length; i++) weights[i] = residuals[i] <= limit;
        return Fit(samples, weights) ?? c;
    }

    public static double Evaluate(double[] c, double x, double y) =>
        c[0] + c[1] * x + c[2] * y + c[3] * x * x + c[4] * x * y + c[5] * y * y;

    private static double[]? Fit(ReadOnlySpan<(float X, float Y, float V)> s, bool[] use)
    {
        var ata = new double[6, 6];
        var atb = new double[6];
        Span<double> row = stackalloc double[6];
        for (var i = 0; i < s.Length; i++)
        {
            if (!use[i]) continue;
            double x = s[i].X, y = s[i].Y;
            row[0] = 1; row[1] = x; row[2] = y; row[3] = x * x; row[4] = x * y; row[5] = y * y;
            for (var a = 0; a < 6; a++)
            {
                atb[a] += row[a] * s[i].V;
                for (var b = 0; b < 6; b++) ata[a, b] += row[a] * row[b];
            }
        }
        for (var a = 0; a < 6; a++) ata[a, a] += 1e-6;
        return LinearSolver.Solve(ata, atb);
    }
}
