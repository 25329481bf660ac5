namespace PatchDb.Embedder.Models.Classic;

/// <summary>
/// Which colours the patch is made of, wherever they are: a coverage-weighted soft histogram of the polar cells'
/// mean (L, a, b), square-rooted so a large flat field does not drown the small details. The spectra say how colour
/// varies around each ring but hardly which colours vary: a red-white bicolour and a blue-white-red tricolour have
/// much the same ring spectra, and grey-world leaves their colours apart. Rotation-invariant by construction.
/// </summary>
public static class ColourHistogram
{
    private const int LightnessBins = 3;
    private const int ChromaBins = 5;

    /// <summary>a* and b* (already divided by 100) are binned over ±this; beyond it they count in the end bins.</summary>
    private const float ChromaRange = 0.6f;

    public const int Length = LightnessBins * ChromaBins * ChromaBins;

    /// <summary>Cells as sampled by <see cref="PolarSampler"/>: [ring, sector, (L, a, b, coverage)], L in -0.5..0.5.</summary>
    public static List<float> Compute(float[,,] cells)
    {
        var hist = new float[Length];
        for (var r = 0; r < cells.GetLength(0); r++)
            for (var s = 0; s < cells.GetLength(1); s++)
            {
                var w = cells[r, s, 3];
                if (w <= 0) continue;
                var l = Position(cells[r, s, 0] / w, -0.5f, 0.5f, LightnessBins);
                var a = Position(cells[r, s, 1] / w, -ChromaRange, ChromaRange, ChromaBins);
                var b = Position(cells[r, s, 2] / w, -ChromaRange, ChromaRange, ChromaBins);
                // Linear interpolation between the two nearest bin centres on each axis: no jumps at bin edges.
                for (var dl = 0; dl < 2; dl++)
                    for (var da = 0; da < 2; da++)
                        for (var db = 0; db < 2; db++)
                        {
                            var weight = w * Share(l, dl) * Share(a, da) * Share(b, db);
                            if (weight > 0) hist[(Bin(l, dl, LightnessBins) * ChromaBins + Bin(a, da, ChromaBins)) * ChromaBins + Bin(b, db, ChromaBins)] += weight;
                        }
            }
        return hist.Select(MathF.Sqrt).ToList();
    }

    /// <summary>Continuous bin coordinate with bin centres at 0, 1, ..., bins − 1.</summary>
    private static float Position(float v, float lo, float hi, int bins) =>
        Math.Clamp((v - lo) / (hi - lo) * bins - 0.5f, 0, bins - 1);

    /// <summary>Weight of the lower (d = 0) or upper (d = 1) neighbouring bin centre.</summary>
    private static float Share(float p, int d)
    {
        var f = p - MathF.Floor(p);
        return d == 0 ? 1 - f : f;
    }

    private static int Bin(float p, int d, int bins) => Math.Min((int)MathF.Floor(p) + d, bins - 1);
}
