using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Embedder;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Embedder;

/// <summary>A real Embedder on Kestrel, with a metrics recorder scoped to it.</summary>
internal sealed class EmbedderHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly ServiceHost<EmbedderOptions> _host;

    public EmbedderHost(Dictionary<string, string?>? settings = null)
    {
        _host = new ServiceHost<EmbedderOptions>(settings ?? []);
        Client = _host.CreateRealClient();
        Metrics = new EmbedderMetrics(_host.Services.GetRequiredService<IMeterFactory>());
    }

    public HttpClient Client { get; }

    public EmbedderMetrics Metrics { get; }

    public T GetRequiredService<T>() where T : notnull => _host.GetRequiredService<T>();

    public async Task<HttpResponseMessage> PostImageAsync(byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/octet-stream");
        return await Client.PostAsync("/v1/analyze", content, TestContext.Current.CancellationToken);
    }

    public async Task<AnalysisResult> AnalyzeAsync(byte[] bytes)
    {
        using var response = await PostImageAsync(bytes);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<AnalysisResult>(body, Json)!;
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        (await Client.GetFromJsonAsync<T>(path, Json, TestContext.Current.CancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        Client.Dispose();
        await _host.DisposeAsync();
    }
}
