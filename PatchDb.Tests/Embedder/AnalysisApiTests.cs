using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using PatchDb.Embedder;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

public sealed class AnalysisApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_photo_is_analysed_into_embedding_sizes_and_derivatives()
    {
        await using var host = new EmbedderHost();
        var bytes = TestPhotos.BenchLandscapeJpeg();

        var analysis = await host.AnalyzeAsync(bytes);

        Assert.Equal("classic-v1", analysis.ModelId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), analysis.Sha256);
        Assert.Equal(("jpeg", 1024, 768, false), (analysis.Format, analysis.Width, analysis.Height, analysis.Cached));
        var model = await host.GetJsonAsync<ModelInfo>("/v1/model");
        Assert.Equal(model.Dimensions, analysis.Embedding.Length);
        Assert.Equal(1.0, Math.Sqrt(analysis.Embedding.Sum(x => (double)x * x)), 3);
        // The photo's bag of visual words, for the Api's shortlist that does not depend on finding the patch.
        var words = Assert.Single(analysis.AuxiliaryEmbeddings!, a => a.ModelId == VisualWords.ModelId);
        Assert.Equal(VisualWords.Dimensions, words.Embedding.Length);
        Assert.Equal(1.0, Math.Sqrt(words.Embedding.Sum(x => (double)x * x)), 3);
        var decoder = new PhotoDecoder(new ImageLimits());
        var thumbnail = decoder.Decode(analysis.ThumbnailWebp, 1024);
        Assert.Equal(("webp", 128, 96), (thumbnail.Format, thumbnail.Width, thumbnail.Height));
        var square = decoder.Decode(analysis.SquareWebp, 1024);
        Assert.Equal(("webp", 512, 512), (square.Format, square.Width, square.Height));
    }

    [Fact]
    public async Task Requests_beyond_the_concurrency_limit_wait_their_turn()
    {
        await using var host = new EmbedderHost(new() { ["Embedder:MaxConcurrentAnalyses"] = "2" });
        var bytes = TestPhotos.BenchLandscapeJpeg();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.AnalyzeAsync(bytes)));

        Assert.All(results, r => Assert.Equal(results[0].Embedding, r.Embedding));
    }

    [Fact]
    public async Task An_unknown_model_stops_start_up()
    {
        var (exitCode, output) = await ServiceProcess.RunToExitAsync("PatchDb.Embedder",
            new Dictionary<string, string> { ["Embedder__Model"] = "resnet-50" }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("classic-v1 or clip-vit-b32", output);
    }

    [Fact]
    public async Task Model_info_describes_the_built_in_model()
    {
        await using var host = new EmbedderHost();

        var model = await host.GetJsonAsync<ModelInfo>("/v1/model");

        Assert.Equal(("classic-v1", false, "built-in"), (model.ModelId, model.SupportsText, model.Source));
        Assert.True(model.Dimensions > 0);
    }

    [Fact]
    public async Task Clip_without_weights_falls_back_to_classic()
    {
        await using var host = new EmbedderHost(new()
        {
            ["Embedder:Model"] = "clip-vit-b32",
            ["Embedder:Clip:CacheDir"] = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}"),
            ["Embedder:Clip:DownloadEnabled"] = "false",
        });

        var model = await host.GetJsonAsync<ModelInfo>("/v1/model");

        Assert.Equal("classic-v1", model.ModelId);
    }

    [Fact]
    public async Task Text_embedding_without_a_text_encoder_is_501_problem()
    {
        await using var host = new EmbedderHost();

        using var response = await host.Client.PostAsJsonAsync("/v1/embed-text", new { text = "a red patch" }, Ct);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("text encoder", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Empty_text_is_400_problem()
    {
        await using var host = new EmbedderHost();

        using var response = await host.Client.PostAsJsonAsync("/v1/embed-text", new { text = " " }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_inputs_get_their_4xx_as_problem_json()
    {
        await using var host = new EmbedderHost();

        foreach (var (input, status) in PhotoDecoderTests.BadInputStatuses)
        {
            using var response = await host.PostImageAsync(PhotoDecoderTests.Bad(input));

            Assert.True((int)response.StatusCode == status, $"{input}: {(int)response.StatusCode}, expected {status}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<Problem>(Ct);
            Assert.Equal(status, problem!.Status);
            Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        }

        // Still serving after all that.
        Assert.Equal("jpeg", (await host.AnalyzeAsync(TestPhotos.BenchLandscapeJpeg())).Format);
    }

    [Fact]
    public async Task A_declared_body_over_30_MB_is_413_before_it_is_sent()
    {
        await using var host = new EmbedderHost();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Client.BaseAddress!.Host, host.Client.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();

        // Headers only: the answer must come without the server waiting for (or buffering) the 30 MB.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /v1/analyze HTTP/1.1\r\nHost: embedder\r\nContent-Type: application/octet-stream\r\n" +
            $"Content-Length: {30 * 1024 * 1024 + 1}\r\n\r\n"), Ct);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(Ct);
        var headers = new List<string>();
        for (var line = await reader.ReadLineAsync(Ct); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(Ct))
        {
            headers.Add(line.ToLowerInvariant());
        }

        Assert.StartsWith("HTTP/1.1 413", statusLine);
        Assert.Contains("content-type: application/problem+json", headers);
    }

    [Fact]
    public async Task A_streamed_body_over_30_MB_is_413()
    {
        await using var host = new EmbedderHost();
        using var content = new StreamContent(new MemoryStream(new byte[30 * 1024 * 1024 + 1]));
        content.Headers.ContentType = new("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/analyze") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private sealed record ModelInfo(string ModelId, int Dimensions, bool SupportsText, string Source);

    private sealed record Problem(int Status, string? Title, string? Detail);
}
