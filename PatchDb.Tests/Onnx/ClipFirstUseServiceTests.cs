using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatchDb.Embedder;
using PatchDb.Embedder.Models.Clip;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Onnx;

/// <summary>The Embedder service configured for CLIP with no model on disk: it downloads, or falls back to classic-v1.</summary>
public sealed class ClipFirstUseServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_service_downloads_clip_at_first_use_and_embeds_text()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        var (host, logs) = Start(options);
        await using var _ = host;
        using var client = host.CreateRealClient();

        var model = await ModelAsync(client);
        using var text = await client.PostAsJsonAsync("/v1/embed-text", new { text = "a red patch" }, Ct);

        Assert.Equal("clip-vit-b32", model.GetProperty("model_id").GetString());
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.NotNull(ClipModelLock.Read(ClipModelCache.LockPath(options)));
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Trusted on first use", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_changed_after_the_lock_makes_the_service_fall_back_to_classic_with_an_error()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        ((IDisposable)await ClipModelLoader.LoadAsync(options, NullLogger.Instance, Ct)).Dispose();
        var visual = Path.Combine(ClipModelCache.Folder(options), "visual", "model.onnx");
        var bytes = await File.ReadAllBytesAsync(visual, Ct);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(visual, bytes, Ct);
        var requests = server.Requests.Count;
        var (host, logs) = Start(options);
        await using var _ = host;
        using var client = host.CreateRealClient();

        var model = await ModelAsync(client);

        Assert.Equal("classic-v1", model.GetProperty("model_id").GetString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(visual, StringComparison.Ordinal)
            && e.Message.Contains("refused", StringComparison.Ordinal));
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public async Task Offline_the_service_gives_up_at_once_and_serves_classic()
    {
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, $"http://127.0.0.1:{FreePort.Refusing}");
        var (host, logs) = Start(options);
        await using var _ = host;
        using var client = host.CreateRealClient();

        var model = await ModelAsync(client);

        Assert.Equal("classic-v1", model.GetProperty("model_id").GetString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Could not download the CLIP model", StringComparison.Ordinal)
            && e.Message.Contains("falling back to classic-v1", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles(cache.Path, "*", SearchOption.AllDirectories), f => Path.GetFileName(f) != ClipDownloadLock.FileName);
    }

    private static (ServiceHost<EmbedderOptions> Host, RecordingLoggerProvider Logs) Start(ClipModelOptions options)
    {
        var logs = new RecordingLoggerProvider();
        var host = new ServiceHost<EmbedderOptions>(TinyClipRepository.Settings(options))
        {
            ExtraServices = services => services.AddSingleton<ILoggerProvider>(logs),
        };
        return (host, logs);
    }

    private static async Task<JsonElement> ModelAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/v1/model", Ct);
}
