using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Classic;

public sealed class ClassicV1ModelTests
{
    private readonly ClassicV1Model _model = new();

    [Fact]
    public void Model_describes_itself_and_has_no_text_encoder()
    {
        Assert.Equal("classic-v1", _model.ModelId);
        Assert.Equal("built-in", _model.Source);
        Assert.False(_model.SupportsText);
        Assert.InRange(_model.Dimensions, 64, 8192);
        Assert.Throws<NotSupportedException>(() => _model.EmbedText("a red patch"));
    }

    [Fact]
    public void Embeddings_are_unit_length_deterministic_and_the_same_from_parallel_calls()
    {
        var photo = SyntheticScene.Render(512, 384, SyntheticScene.Tricolour, SyntheticScene.Quad(256, 192, 120, 80, 10, 0.1));
        var first = _model.EmbedImages([photo])[0];

        var parallel = new float[8][];
        Parallel.For(0, parallel.Length, i => parallel[i] = _model.EmbedImages([photo])[0]);

        Assert.Equal(_model.Dimensions, first.Length);
        Assert.Equal(1, Math.Sqrt(first.Sum(v => (double)v * v)), 1e-4);
        Assert.All(parallel, v => Assert.Equal(first, v));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 200)]
    [InlineData(64, 64)]
    public void Tiny_odd_and_featureless_images_still_get_a_unit_vector(int width, int height)
    {
        var flat = new RgbImage(width, height, Enumerable.Repeat((byte)128, width * height * 3).ToArray());

        var v = _model.EmbedImages([flat])[0];

        Assert.Equal(_model.Dimensions, v.Length);
        Assert.Equal(1, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-4);
        Assert.All(v, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void Same_design_under_another_rotation_tilt_and_cast_beats_a_different_design()
    {
        var frontal = Embed(SyntheticScene.Tricolour, SyntheticScene.Quad(256, 192, 140, 90, 0, 0));
        var turned = Embed(SyntheticScene.Tricolour, SyntheticScene.Quad(240, 200, 110, 70, 140, 0.2), (1.1, 1.0, 0.8), seed: 2);
        var other = Embed(SyntheticScene.Bands, SyntheticScene.Quad(256, 192, 140, 90, 0, 0));

        // At the model's operating point: the same design is accepted, the other one is not.
        var same = Dot(frontal, turned);
        Assert.True(same > ClassicV1Model.SuggestedThreshold, $"same design scored {same:F3}");
        Assert.True(Dot(frontal, other) < ClassicV1Model.SuggestedThreshold, $"other design scored {Dot(frontal, other):F3}");
    }

    [Fact]
    public void Bench_photos_of_one_design_score_above_photos_of_other_designs()
    {
        var decoder = new PhotoDecoder(new ImageLimits());
        float[] Load(string file) => _model.EmbedImages([decoder.Decode(File.ReadAllBytes(Path.Combine(RepoPaths.BenchPatches, file)), _model.PreferredInputLongSide).Working])[0];
        var query = Load("query/nasa-sts-001_3.jpg");

        var own = Dot(query, Load("gallery/nasa-sts-001_0.jpg"));

        foreach (var other in new[] { "gallery/flag-ae_0.jpg", "gallery/nasa-sts-100_0.jpg", "gallery/flag-us-ia_0.jpg" })
        {
            Assert.True(own > Dot(query, Load(other)), $"{other} outscored the design's own photo ({own:F3})");
        }
    }

    private float[] Embed(SyntheticScene.Design design, (double X, double Y)[] quad, (double, double, double) cast = default, int seed = 1) =>
        _model.EmbedImages([SyntheticScene.Render(512, 384, design, quad, cast, seed)])[0];

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
