namespace PatchDb.Embedder.Models.Classic;

/// <summary>Where the patch is in a (small) working image: a filled mask and its convex outline.</summary>
public sealed record PatchMask(int Width, int Height, bool[] Mask, IReadOnlyList<(double X, double Y)> Hull)
{
    public static PatchMask WholeImage(int width, int height)
    {
        var mask = new bool[width * height];
        Array.Fill(mask, true);
        return new PatchMask(width, height, mask, [(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)]);
    }
}
