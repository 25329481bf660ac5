namespace PatchDb.Tests.Embedder;

public sealed class MicroBatchingTests
{
    [Fact]
    public async Task Eight_concurrent_classic_analyses_are_batched_and_equal_single_ones() =>
        await AssertBatchedEqualsSingleAsync([]);

    [Fact]
    public async Task Eight_concurrent_onnx_analyses_are_batched_and_equal_single_ones() =>
        await AssertBatchedEqualsSingleAsync(await ClipServiceTests.TinyClipSettingsAsync());

    private static async Task AssertBatchedEqualsSingleAsync(Dictionary<string, string?> settings)
    {
        // A generous wait makes batching certain on a loaded machine; production waits a few ms.
        settings["Embedder:MaxBatchWaitMilliseconds"] = "300";
        await using var host = new EmbedderHost(settings);
        var photos = Directory.GetFiles(Path.Combine(Infrastructure.RepoPaths.BenchPatches, "gallery"), "*.jpg")
            .Order().Take(8).Select(File.ReadAllBytes).ToArray();

        var single = new List<float[]>();
        foreach (var photo in photos)
        {
            single.Add((await host.AnalyzeAsync(photo)).Embedding);
        }

        Assert.All(host.Metrics.Values("patchdb.embedder.batch.size"), size => Assert.Equal(1, size));
        var concurrent = await Task.WhenAll(photos.Select(host.AnalyzeAsync));

        for (var i = 0; i < photos.Length; i++)
        {
            Assert.Equal(single[i].Length, concurrent[i].Embedding.Length);
            for (var d = 0; d < single[i].Length; d++)
            {
                Assert.Equal(single[i][d], concurrent[i].Embedding[d], 1e-5f);
            }
        }

        Assert.Contains(host.Metrics.Values("patchdb.embedder.batch.size"), size => size > 1);
        Assert.Equal(16, host.Metrics.Sum("patchdb.embedder.batch.size"));
    }
}
