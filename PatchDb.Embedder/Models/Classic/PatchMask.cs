namespace PatchDb.Embedder.Models.Classic;

/// <summary>Where the patch is in a (small) working image: a filled mask and its convex outline. <paramref name="Support"/>
/// is the fraction of the outline lying on edges (<see cref="OutlineSupport"/>): a real patch border is an edge all round,
/// so a low value says the segmentation did not find one (0 for the whole-image fallback).</summary>
public sealed record PatchMask(int Width, int Height, bool[] Mask, IReadOnlyList<(double X, double Y)> Hull, double Support = 0)
{
    public static PatchMask WholeImage(int width, int height)
    {
        var mask = new bool[width * height];
        Array.Fill(mask, true);
        return new PatchMask(width, height, mask, [(0, 0), (width - 1, 0), (width - 1, height - 1), (0, height - 1)]);
    }
}
