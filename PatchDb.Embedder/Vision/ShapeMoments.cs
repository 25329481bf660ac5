namespace PatchDb.Embedder.Vision;

/// <summary>
/// Centroid and second moments of a region, and the affine map that sends the unit disc onto the region's
/// moment ellipse. Mapping two views of a flat object through their own maps removes translation, scale, shear and
/// aspect (any affine change, which is what a mild perspective tilt is locally), leaving only a rotation.
/// </summary>
public sealed record ShapeMoments(double Cx, double Cy, double Sxx, double Sxy, double Syy, double Count)
{
    public static ShapeMoments FromMask(bool[] mask, int width, int height)
    {
        double n = 0, sx = 0, sy = 0;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (mask[y * width + x]) { n++; sx += x; sy += y; }
        if (n == 0) return new ShapeMoments(width / 2.0, height / 2.0, width * width / 12.0, 0, height * height / 12.0, 0);
        double cx = sx / n, cy = sy / n, xx = 0, xy = 0, yy = 0;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (mask[y * width + x])
                {
                    double dx = x - cx, dy = y - cy;
                    xx += dx * dx; xy += dx * dy; yy += dy * dy;
                }
        return new ShapeMoments(cx, cy, xx / n + 1 / 12.0, xy / n, yy / n + 1 / 12.0, n);
    }

    /// <summary>Eigen-decomposition of the covariance: angle of the major axis (radians) and the two variances.</summary>
    public (double Angle, double Major, double Minor) Axes()
    {
        var angle = 0.5 * Math.Atan2(2 * Sxy, Sxx - Syy);
        var mean = (Sxx + Syy) / 2;
        var d = Math.Sqrt((Sxx - Syy) * (Sxx - Syy) / 4 + Sxy * Sxy);
        return (angle, mean + d, Math.Max(mean - d, 1e-9));
    }

    /// <summary>
    /// 2×2 matrix [a b; c d] with x = Cx + a u + b v, y = Cy + c u + d v: the symmetric square root of the covariance
    /// scaled by 2, so a uniform disc maps to the unit disc.
    /// </summary>
    public (double A, double B, double C, double D) UnitDiscMap()
    {
        var (angle, major, minor) = Axes();
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double s1 = 2 * Math.Sqrt(major), s2 = 2 * Math.Sqrt(minor);
        // R · diag(s1, s2) · Rᵀ
        return (s1 * cos * cos + s2 * sin * sin, (s1 - s2) * cos * sin, (s1 - s2) * cos * sin, s1 * sin * sin + s2 * cos * cos);
    }
}
