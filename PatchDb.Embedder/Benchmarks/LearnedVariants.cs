using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Models.ResNet;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>`bench-recall --learned`: ResNet18 descriptor variants (pooling, whole photo vs patch crop) and their fusion
/// with classic-v1, computed once per photo so that every variant is measured on the same pixels.</summary>
internal static class LearnedVariants
{
    public static List<(string Name, float[][] Vectors)> Compute(RgbImage[] images, float[][] classic)
    {
        using var resnet = new ResNet18Features(ResNet18Features.DefaultFolder);
        var whole = new float[images.Length][];
        var crop = new float[images.Length][];
        var locations = new PatchLocation[images.Length];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            whole[i] = resnet.FeatureMap(images[i]);
            locations[i] = PatchLocator.Locate(images[i]);
            var box = locations[i].Box(images[i].Width, images[i].Height, 0.1);
            crop[i] = resnet.FeatureMap(ImageCrop.Crop(images[i], box));
        });
        var support = locations.Select(l => l.Support).Order().ToList();
        Console.WriteLine($"Outline support (fraction on edges): p10 {support[support.Count / 10]:0.00}, p25 {support[support.Count / 4]:0.00}, "
            + $"median {support[support.Count / 2]:0.00}, p75 {support[support.Count * 3 / 4]:0.00}; confident outlines "
            + $"{locations.Count(l => l.Confident) / (double)locations.Length:0.000}");
        var macWhole = whole.Select(m => FeaturePooling.Max(m, ResNet18Features.Channels)).ToArray();
        var macCrop = crop.Select(m => FeaturePooling.Max(m, ResNet18Features.Channels)).ToArray();
        var both = macWhole.Zip(macCrop, (a, b) => Fuse(a, b, 0.5)).ToArray();
        var result = new List<(string, float[][])>
        {
            ("r18 MAC whole", macWhole),
            ("r18 GeM3 whole", [.. whole.Select(m => FeaturePooling.GeneralisedMean(m, ResNet18Features.Channels, 3))]),
            ("r18 mean whole", [.. whole.Select(m => FeaturePooling.GeneralisedMean(m, ResNet18Features.Channels, 1))]),
            ("r18 MAC crop", macCrop),
            ("r18 MAC whole+crop", both),
        };
        foreach (var alpha in new[] { 0.3, 0.5, 0.7 })
        {
            result.Add(($"classic {alpha:0.0} + r18 MAC whole", [.. classic.Zip(macWhole, (c, r) => Fuse(c, r, alpha))]));
            result.Add(($"classic {alpha:0.0} + r18 MAC whole+crop", [.. classic.Zip(both, (c, r) => Fuse(c, r, alpha))]));
        }
        return result;
    }

    /// <summary>Concatenation whose cosine is α·cos(a) + (1 − α)·cos(b) for unit vectors.</summary>
    public static float[] Fuse(float[] a, float[] b, double alpha)
    {
        float wa = (float)Math.Sqrt(alpha), wb = (float)Math.Sqrt(1 - alpha);
        return [.. a.Select(v => v * wa), .. b.Select(v => v * wb)];
    }
}
