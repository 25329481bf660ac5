using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Models;

namespace PatchDb.Tests.Embedder;

/// <summary>Sibling designs made here: the same left half (a brand's logo and layout) beside a right half of their own;
/// the query is a view of the first.</summary>
internal static class SiblingDesigns
{
    public static RgbImage Sibling(int ownSeed)
    {
        var shared = SyntheticScene.Render(seed: 41);
        var own = SyntheticScene.Render(seed: ownSeed);
        var pixels = (byte[])shared.Pixels.Clone();
        for (var y = 0; y < shared.Height; y++)
        {
            var half = shared.Width / 2 * 3;
            Array.Copy(own.Pixels, y * shared.Stride + half, pixels, y * shared.Stride + half, shared.Stride - half);
        }
        return new RgbImage(shared.Width, shared.Height, pixels);
    }

    public static (LocalFeatureSet Query, LocalFeatureSet Right, LocalFeatureSet Sibling) Scene()
    {
        var design = Sibling(ownSeed: 42);
        var query = SyntheticScene.Warp(design, SyntheticScene.ViewChange(12, 0.9, -5e-5, 5e-5));
        return (OpenCvVision.Extract(query, 800), OpenCvVision.Extract(design, 800), OpenCvVision.Extract(Sibling(ownSeed: 43), 800));
    }
}
