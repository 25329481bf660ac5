using OpenCvSharp;

namespace PatchDb.Embedder.Imaging;

/// <summary>
/// Whether a cut line separates two different things: colours just inside and just outside it, compared point by point.
/// Edges alone do not tell a patch's border from a line through wood grain or shelf clutter, which have edges everywhere.
/// </summary>
internal static class CutOutContrast
{
    /// <summary>Colour distance (0..255 RGB, Euclidean) from which the two sides of a point differ.</summary>
    private const double MinDifference = 24;

    /// <summary>Share of <paramref name="polygon"/>'s points whose colours <paramref name="inside"/> and
    /// <paramref name="outside"/> pixels away along the normal differ.</summary>
    public static double Share(Point2f[] polygon, Mat blurredRgb, double inside, double outside)
    {
        var orientation = SignedArea(polygon) >= 0 ? 1 : -1;
        int total = 0, differing = 0;
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            double dx = b.X - a.X, dy = b.Y - a.Y, length = Math.Sqrt(dx * dx + dy * dy);
            if (length < 1)
            {
                continue;
            }

            // Outward normal on screen (y down) of a polygon with positive shoelace area.
            double nx = orientation * dy / length, ny = orientation * -dx / length;
            for (var t = 0.0; t < length; t += 2)
            {
                double x = a.X + dx * t / length, y = a.Y + dy * t / length;
                if (At(blurredRgb, x - nx * inside, y - ny * inside) is not { } inner || At(blurredRgb, x + nx * outside, y + ny * outside) is not { } outer)
                {
                    continue;
                }

                total++;
                var (d0, d1, d2) = (inner.Item0 - outer.Item0, inner.Item1 - outer.Item1, inner.Item2 - outer.Item2);
                if (Math.Sqrt(d0 * d0 + d1 * d1 + d2 * d2) >= MinDifference) differing++;
            }
        }

        return total == 0 ? 0 : differing / (double)total;
    }

    private static Vec3d? At(Mat image, double x, double y)
    {
        int px = (int)Math.Round(x), py = (int)Math.Round(y);
        if (px < 0 || py < 0 || px >= image.Cols || py >= image.Rows)
        {
            return null;
        }

        var v = image.At<Vec3b>(py, px);
        return new Vec3d(v.Item0, v.Item1, v.Item2);
    }

    private static double SignedArea(Point2f[] polygon)
    {
        double sum = 0;
        for (var i = 0; i < polygon.Length; i++)
        {
            var (a, b) = (polygon[i], polygon[(i + 1) % polygon.Length]);
            sum += a.X * b.Y - b.X * a.Y;
        }

        return sum;
    }
}
