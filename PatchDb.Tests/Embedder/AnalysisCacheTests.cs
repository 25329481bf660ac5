using PatchDb.Embedder.LocalFeatures;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

public sealed class AnalysisCacheTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_second_analysis_of_the_same_bytes_is_a_cache_hit_without_decoding()
    {
        await using var host = new EmbedderHost(new()
        {
            ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
            ["Embedder:CacheKeyPrefix"] = infra.Redis.NewKeyPrefix(),
        });
        var bytes = TestPhotos.BenchLandscapeJpeg();

        var first = await host.AnalyzeAsync(bytes);
        var decodesAfterFirst = host.Metrics.Values("patchdb.embedder.decode.duration").Count;
        var second = await host.AnalyzeAsync(bytes);

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Equal(1, decodesAfterFirst);
        Assert.Equal(decodesAfterFirst, host.Metrics.Values("patchdb.embedder.decode.duration").Count);
        Assert.Equal((1, 1), (host.Metrics.Sum("patchdb.embedder.cache.misses"), host.Metrics.Sum("patchdb.embedder.cache.hits")));
        Assert.Equal(first.Embedding, second.Embedding);
        Assert.Equal(first with
        {
            Cached = true, Embedding = second.Embedding, ThumbnailWebp = second.ThumbnailWebp, SquareWebp = second.SquareWebp,
            LocalFeatures = second.LocalFeatures, CutoutWebp = second.CutoutWebp, AuxiliaryEmbeddings = second.AuxiliaryEmbeddings,
        }, second);
        // The shortlist descriptors (ResNet18's and the visual words) come back from the cache as they went in.
        Assert.Equal(first.AuxiliaryEmbeddings!.Select(a => (a.ModelId, a.Embedding)), second.AuxiliaryEmbeddings!.Select(a => (a.ModelId, a.Embedding)));
        Assert.Equal(first.CutoutWebp, second.CutoutWebp);
        Assert.Equal(first.ThumbnailWebp, second.ThumbnailWebp);
        Assert.Equal(first.SquareWebp, second.SquareWebp);
        Assert.NotNull(second.LocalFeatures);
        Assert.Equal(first.LocalFeatures, second.LocalFeatures);
    }

    [Fact]
    public async Task A_photo_without_keypoints_is_served_from_the_cache_though_it_has_no_visual_words()
    {
        await using var host = new EmbedderHost(new()
        {
            ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
            ["Embedder:CacheKeyPrefix"] = infra.Redis.NewKeyPrefix(),
        });
        var flat = TestPhotos.Png(320, 240, grey16: false, (_, _) => (90, 140, 200, 255));

        var first = await host.AnalyzeAsync(flat);
        var second = await host.AnalyzeAsync(flat);

        Assert.Equal(0, LocalFeatureSet.Decode(first.LocalFeatures!).Count);
        Assert.DoesNotContain(first.AuxiliaryEmbeddings ?? [], a => a.ModelId == VisualWords.ModelId);
        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.Single(host.Metrics.Values("patchdb.embedder.decode.duration"));
    }

    [Fact]
    public async Task Different_bytes_are_not_mixed_up()
    {
        await using var host = new EmbedderHost(new()
        {
            ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
            ["Embedder:CacheKeyPrefix"] = infra.Redis.NewKeyPrefix(),
        });
        var rotated = TestPhotos.WithExifOrientation(TestPhotos.BenchLandscapeJpeg(), 6);

        await host.AnalyzeAsync(TestPhotos.BenchLandscapeJpeg());
        var other = await host.AnalyzeAsync(rotated);

        Assert.False(other.Cached);
        Assert.Equal((768, 1024), (other.Width, other.Height));
    }

    [Fact]
    public async Task With_Redis_down_the_service_answers_uncached_and_health_is_degraded()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var host = new EmbedderHost(new() { ["ConnectionStrings:cache"] = redis.ConnectionString });
        var bytes = TestPhotos.BenchLandscapeJpeg();
        Assert.Equal("Healthy", await host.Client.GetStringAsync("/health", Ct));

        await redis.StopAsync();
        var first = await host.AnalyzeAsync(bytes);
        var second = await host.AnalyzeAsync(bytes);

        Assert.False(first.Cached);
        Assert.False(second.Cached);
        Assert.Equal("Degraded", await host.Client.GetStringAsync("/health", Ct));
    }
}
