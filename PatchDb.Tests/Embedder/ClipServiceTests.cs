using System.Net;
using System.Net.Http.Json;
using PatchDb.Tests.Onnx;

namespace PatchDb.Tests.Embedder;

/// <summary>The service on the CLIP path, with the tiny CLIP-shaped model run by the real ONNX Runtime.</summary>
public sealed class ClipServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<Dictionary<string, string?>> TinyClipSettingsAsync() => new()
    {
        ["Embedder:Model"] = "clip-vit-b32",
        ["Embedder:Clip:ModelPath"] = await TinyClipModels.FolderAsync(),
        ["Embedder:Clip:IntraOpThreads"] = "1",
    };

    [Fact]
    public async Task With_a_clip_model_images_and_text_share_one_model_id()
    {
        await using var host = new EmbedderHost(await TinyClipSettingsAsync());

        var model = await host.GetJsonAsync<ModelInfo>("/v1/model");
        var analysis = await host.AnalyzeAsync(TestPhotos.BenchLandscapeJpeg());
        using var response = await host.Client.PostAsJsonAsync("/v1/embed-text", new { text = "a red patch" }, Ct);
        var text = await response.Content.ReadFromJsonAsync<TextEmbedding>(EmbedderHost.Json, Ct);

        Assert.Equal(("clip-vit-b32", true), (model.ModelId, model.SupportsText));
        Assert.Contains(await TinyClipModels.FolderAsync(), model.Source);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("clip-vit-b32", model.Dimensions), (analysis.ModelId, analysis.Embedding.Length));
        Assert.Equal(("clip-vit-b32", model.Dimensions), (text!.ModelId, text.Embedding.Length));
        Assert.Equal(1.0, Math.Sqrt(analysis.Embedding.Sum(x => (double)x * x)), 3);
        Assert.Equal(1.0, Math.Sqrt(text.Embedding.Sum(x => (double)x * x)), 3);
    }

    private sealed record ModelInfo(string ModelId, int Dimensions, bool SupportsText, string Source);

    private sealed record TextEmbedding(string ModelId, float[] Embedding);
}
