namespace PatchDb.Embedder.Vision;

/// <summary>Dense linear algebra for the small systems the vision code needs.</summary>
public static class LinearSolver
{
    /// <summary>Solves A x = b (A is n×n, row-major) by Gaussian elimination with partial pivoting; null when singular.</summary>
    public static double[]? Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            }
            if (Math.Abs(m[pivot, col]) < 1e-12) return null;
            if (pivot != col)
            {
                for (var k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                (v[col], v[pivot]) = (v[pivot], v[col]);
            }
            for (var row = col + 1; row < n; row++)
            {
                var f = m[row, col] / m[col, col];
                if (f == 0) continue;
                for (var k = col; k < n; k++) m[row, k] -= f * m[col, k];
                v[row] -= f * v[col];
            }
        }
        var x = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var s = v[row];
            for (var k = row + 1; k < n; k++) s -= m[row, k] * x[k];
            x[row] = s / m[row, row];
        }
        return x;
    }

    /// <summary>Least squares: minimises |A x - b|² through the normal equations (A is rows×cols).</summary>
    public static double[]? LeastSquares(double[,] a, double[] b)
    {
        int rows = a.GetLength(0), cols = a.GetLength(1);
        var ata = new double[cols, cols];
        var atb = new double[cols];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < cols; i++)
            {
                var ai = a[r, i];
                if (ai == 0) continue;
                atb[i] += ai * b[r];
                for (var j = 0; j < cols; j++) ata[i, j] += ai * a[r, j];
            }
        }
        return Solve(ata, atb);
    }
}
