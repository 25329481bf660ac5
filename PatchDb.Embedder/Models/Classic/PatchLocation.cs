namespace PatchDb.Embedder.Models.Classic;

/// <summary>The patch's convex outline in photo pixels, the fraction of the photo it covers, the fraction of the outline
/// on edges and whether that makes it a confident outline (<see cref="PatchLocator"/>).</summary>
public sealed record PatchLocation(IReadOnlyList<(double X, double Y)> Outline, double AreaFraction, double Support, bool Confident)
{
    /// <summary>The outline's bounding box grown by <paramref name="margin"/> of its size, clipped to the photo.</summary>
    public (int X, int Y, int Width, int Height) Box(int width, int height, double margin)
    {
        double x0 = Outline.Min(p => p.X), x1 = Outline.Max(p => p.X), y0 = Outline.Min(p => p.Y), y1 = Outline.Max(p => p.Y);
        double mx = (x1 - x0) * margin, my = (y1 - y0) * margin;
        int left = Math.Clamp((int)(x0 - mx), 0, width - 1), top = Math.Clamp((int)(y0 - my), 0, height - 1);
        int right = Math.Clamp((int)Math.Ceiling(x1 + mx), left + 1, width), bottom = Math.Clamp((int)Math.Ceiling(y1 + my), top + 1, height);
        return (left, top, right - left, bottom - top);
    }
}
