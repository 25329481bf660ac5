using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Models.ResNet;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

/// <summary>A few real photos of ../shared/bench/grocery (read by path, never copied): cartons on shelves, where a patch
/// outline is not there to be found but the whole-photo descriptor and the local features still tell designs apart.</summary>
public sealed class GroceryPhotoTests
{
    private static readonly string[] Designs = ["Tropicana-Apple-Juice", "Oatly-Oat-Milk", "Arla-Standard-Milk", "Bravo-Orange-Juice"];
    private static readonly Lazy<ResNet18Features> s_resnet = new(() => new ResNet18Features(ResNet18Features.DefaultFolder));
    private static readonly PhotoDecoder Decoder = new(new ImageLimits());

    public static TheoryData<string> Queries => [.. Designs];

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_query_verifies_best_against_its_own_designs_gallery(string design)
    {
        var query = OpenCvVision.Extract(Load(QueryOf(design)), 800);

        var inliers = Designs.ToDictionary(d => d, d => Enumerable.Range(0, 3)
            .Max(k => OpenCvVision.Verify(query, OpenCvVision.Extract(Load(GalleryOf(d, k)), 800), 0.8, 4).Inliers));

        Assert.True(inliers.MaxBy(kv => kv.Value).Key == design, string.Join(", ", inliers.Select(kv => $"{kv.Key} {kv.Value}")));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_whole_photo_descriptor_ranks_the_own_design_first_among_these(string design)
    {
        var query = Describe(Load(QueryOf(design)));

        var cosines = Designs.ToDictionary(d => d, d => Enumerable.Range(0, 3).Max(k => Dot(query, Describe(Load(GalleryOf(d, k))))));

        Assert.True(cosines.MaxBy(kv => kv.Value).Key == design, string.Join(", ", cosines.Select(kv => $"{kv.Key} {kv.Value:0.000}")));
    }

    [Fact]
    public void Most_of_these_carton_photos_have_no_confident_patch_outline()
    {
        var photos = Designs.SelectMany(d => Enumerable.Range(0, 3).Select(k => GalleryOf(d, k))).ToList();

        var confident = photos.Count(p => PatchLocator.Locate(Load(p)).Confident);

        Assert.True(confident <= photos.Count / 2, $"{confident} of {photos.Count} confident");
    }

    private static string QueryOf(string design) =>
        Directory.GetFiles(Path.Combine(RepoPaths.BenchGrocery, "query"), $"{design}_*.jpg").Order(StringComparer.Ordinal).First();

    private static string GalleryOf(string design, int k) => Path.Combine(RepoPaths.BenchGrocery, "gallery", $"{design}_{k}.jpg");

    private static RgbImage Load(string path) => Decoder.Decode(File.ReadAllBytes(path), 512).Working;

    private static float[] Describe(RgbImage image) =>
        FeaturePooling.GeneralisedMean(s_resnet.Value.FeatureMap(image), ResNet18Features.Channels, 3);

    private static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
