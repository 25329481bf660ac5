using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Models.ResNet;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>
/// Every photo of a split as the Api would hold it after /v1/analyze on the whole photo: classic-v1, r18-gem-v1 and
/// the local features, computed once for the in-process benchmarks that compare shortlists and verification.
/// </summary>
internal sealed record SplitDescriptors(string Split, List<ManifestRow> Rows, float[][] Classic, float[][] Whole, LocalFeatureSet[] Features)
{
    public List<int> Gallery { get; } = [.. Enumerable.Range(0, Rows.Count).Where(i => !Rows[i].IsQuery)];

    public List<int> Queries { get; } = [.. Enumerable.Range(0, Rows.Count).Where(i => Rows[i].IsQuery)];

    public static SplitDescriptors Load(string split, int maxFeatures)
    {
        var rows = ManifestRow.Read(split);
        var model = new ClassicV1Model();
        var decoder = new PhotoDecoder(new ImageLimits());
        var classic = new float[rows.Count][];
        var whole = new float[rows.Count][];
        var features = new LocalFeatureSet[rows.Count];
        using var resnet = new ResNet18Features(ResNet18Features.DefaultFolder);
        // Two at a time: each photo's ONNX and OpenCV work already keeps a core busy.
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var image = decoder.Decode(File.ReadAllBytes(Path.Combine(split, rows[i].File)), model.PreferredInputLongSide).Working;
            classic[i] = model.EmbedImages([image])[0];
            whole[i] = FeaturePooling.GeneralisedMean(resnet.FeatureMap(image), ResNet18Features.Channels, WholePhotoEmbedder.GemPower);
            features[i] = OpenCvVision.Extract(image, maxFeatures);
        });
        return new SplitDescriptors(split, rows, classic, whole, features);
    }

    public static float Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);

    /// <summary>The <paramref name="n"/> designs of <paramref name="photos"/> whose best photo is most similar, best first:
    /// a shortlist as the Api builds it from one descriptor.</summary>
    public IEnumerable<string> TopDesigns(IEnumerable<int> photos, Func<int, float> similarity, int n) =>
        photos.GroupBy(g => Rows[g].Design).OrderByDescending(d => d.Max(similarity)).Take(n).Select(d => d.Key);
}
