namespace PatchDb.Embedder.LocalFeatures;

/// <summary>Per query descriptor: the nearest candidate descriptor (-1 when none), its squared distance and the
/// second-nearest's (int.MaxValue when missing), as <see cref="NearestDescriptors.TwoNearest"/> finds them.</summary>
internal sealed record Neighbours(int[] Nearest, int[] First, int[] Second)
{
    public Neighbours((int[] Nearest, int[] First, int[] Second) found) : this(found.Nearest, found.First, found.Second)
    {
    }
}
