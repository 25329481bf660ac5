using System.Numerics.Tensors;
using System.Text.Json;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Clip;
using PatchDb.Embedder.Onnx;

namespace PatchDb.Tests.Onnx;

public sealed class ClipModelTests
{
    private static readonly OnnxSessionOptions s_options = new() { IntraOpThreads = 2 };

    private static async Task<ClipModel> LoadAsync(bool includeTextual = true) =>
        ClipModel.Load(await TinyClipModels.FolderAsync(), "clip-vit-b32", "test", s_options, includeTextual);

    [Fact]
    public async Task Image_embeddings_match_the_golden_outputs()
    {
        using var model = await LoadAsync();
        var golden = await TinyClipModels.GoldenAsync();
        var cases = golden.GetProperty("images").EnumerateArray().ToList();
        var images = cases.Select(c => new RgbImage(
            c.GetProperty("width").GetInt32(), c.GetProperty("height").GetInt32(),
            Convert.FromBase64String(c.GetProperty("pixels_base64").GetString()!))).ToList();

        var embeddings = model.EmbedImages(images);

        Assert.Equal(cases.Count, embeddings.Length);
        for (var i = 0; i < cases.Count; i++)
        {
            AssertClose(Floats(cases[i].GetProperty("embedding")), embeddings[i], 1e-4f);
        }
    }

    [Fact]
    public async Task Text_tokens_and_embeddings_match_the_golden_outputs()
    {
        using var model = await LoadAsync();
        var tokenizer = ClipTokenizerFiles.Load(Path.Combine(await TinyClipModels.FolderAsync(), "textual"));
        var golden = await TinyClipModels.GoldenAsync();

        foreach (var c in golden.GetProperty("texts").EnumerateArray())
        {
            var text = c.GetProperty("text").GetString()!;
            Assert.Equal(c.GetProperty("tokens").EnumerateArray().Select(t => t.GetInt32()), tokenizer.Encode(text));
            AssertClose(Floats(c.GetProperty("embedding")), model.EmbedText(text), 1e-4f);
        }
    }

    [Fact]
    public async Task A_model_with_a_fixed_batch_of_one_runs_larger_batches_in_chunks()
    {
        var folder = Path.Combine(Path.GetDirectoryName(await TinyClipModels.FolderAsync())!, "tiny-clip-batch1");
        using var model = ClipModel.Load(folder, "clip-vit-b32", "test", s_options);
        var cases = (await TinyClipModels.GoldenAsync()).GetProperty("images").EnumerateArray().ToList();

        var embeddings = model.EmbedImages(cases.Select(c => new RgbImage(224, 224,
            Convert.FromBase64String(c.GetProperty("pixels_base64").GetString()!))).ToList());

        Assert.Equal([1L, 3, 224, 224], model.VisualSession.Inputs[0].Shape);
        Assert.False(model.SupportsText);
        for (var i = 0; i < cases.Count; i++)
        {
            AssertClose(Floats(cases[i].GetProperty("embedding")), embeddings[i], 1e-4f);
        }
    }

    [Fact]
    public async Task A_text_model_taking_int64_tokens_gives_the_same_embeddings()
    {
        var source = await TinyClipModels.FolderAsync();
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("visual"));
        Directory.CreateDirectory(temp.Combine("textual"));
        File.Copy(Path.Combine(source, "visual", "model.onnx"), temp.Combine("visual", "model.onnx"));
        foreach (var file in new[] { "vocab.json", "merges.txt", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(source, "textual", file), temp.Combine("textual", file));
        }

        File.Copy(Path.Combine(Path.GetDirectoryName(source)!, "tiny-clip-int64", "textual", "model.onnx"), temp.Combine("textual", "model.onnx"));
        using var model = ClipModel.Load(temp.Path, "clip-vit-b32", "test", s_options);

        foreach (var c in (await TinyClipModels.GoldenAsync()).GetProperty("texts").EnumerateArray())
        {
            AssertClose(Floats(c.GetProperty("embedding")), model.EmbedText(c.GetProperty("text").GetString()!), 1e-4f);
        }
    }

    [Fact]
    public async Task A_batch_of_eight_equals_eight_single_runs()
    {
        using var model = await LoadAsync();
        var images = Enumerable.Range(0, 8).Select(i => TestImages.Random(224 + i * 37, 448 - i * 29, seed: i)).ToList();

        var batch = model.EmbedImages(images);

        Assert.Equal(8, batch.Length);
        for (var i = 0; i < 8; i++)
        {
            AssertClose(model.EmbedImages([images[i]])[0], batch[i], 1e-5f);
        }

        Assert.NotEqual(batch[0], batch[1]);
    }

    [Fact]
    public async Task Describes_itself_and_returns_normalised_vectors()
    {
        using var model = await LoadAsync();

        Assert.Equal("clip-vit-b32", model.ModelId);
        Assert.Equal(512, model.Dimensions);
        Assert.True(model.SupportsText);
        Assert.Equal(448, model.PreferredInputLongSide);
        Assert.Empty(model.EmbedImages([]));
        Assert.Equal(1f, TensorPrimitives.Norm(model.EmbedImages([TestImages.Random(640, 480, 3)])[0]), 1e-5f);
        Assert.Equal(1f, TensorPrimitives.Norm(model.EmbedText("a photo of a patch")), 1e-5f);
    }

    [Fact]
    public async Task Without_a_text_model_text_is_not_supported()
    {
        using var model = await LoadAsync(includeTextual: false);

        Assert.False(model.SupportsText);
        Assert.Throws<NotSupportedException>(() => model.EmbedText("cat"));
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        Assert.True(worst <= tolerance, $"largest difference {worst} exceeds {tolerance}");
    }
}
