using Microsoft.Extensions.Logging.Abstractions;
using PatchDb.Embedder.Models.Clip;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Onnx;

public sealed class ClipModelLoaderTests
{
    private const string Repository = "test/tiny-clip";
    private const string Revision = "0123abcd";

    private static readonly string[] s_files =
        ["visual/model.onnx", "textual/model.onnx", "textual/vocab.json", "textual/merges.txt", "textual/tokenizer_config.json"];

    [Fact]
    public async Task Loads_from_a_configured_folder()
    {
        var folder = await TinyClipModels.FolderAsync();
        var options = new ClipModelOptions { ModelPath = folder, IntraOpThreads = 1, DownloadEnabled = false };

        var model = await ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);

        Assert.Equal("clip-vit-b32", model.ModelId);
        Assert.True(model.SupportsText);
        Assert.Contains(folder, model.Source);
        ((IDisposable)model).Dispose();
    }

    [Fact]
    public async Task A_folder_without_a_visual_model_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var options = new ClipModelOptions { ModelPath = temp.Path };

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("visual/model.onnx", error.Message);
    }

    [Fact]
    public async Task A_corrupt_model_in_the_folder_is_reported_as_unavailable()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("visual"));
        await File.WriteAllBytesAsync(temp.Combine("visual", "model.onnx"), new byte[4096], TestContext.Current.CancellationToken);
        var options = new ClipModelOptions { ModelPath = temp.Path, IntraOpThreads = 1 };

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("could not be loaded", error.Message);
        Assert.Contains("ONNX Runtime error", error.Message);
    }

    [Fact]
    public async Task A_missing_model_with_downloads_disabled_fails_at_once()
    {
        using var temp = new TempFolder();
        var options = new ClipModelOptions { CacheDir = temp.Path, DownloadEnabled = false };

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("downloads are disabled", error.Message);
    }

    [Fact]
    public async Task The_unpinned_default_refuses_to_download_unverified_files()
    {
        using var temp = new TempFolder();
        var options = new ClipModelOptions { CacheDir = temp.Path, Endpoint = "http://127.0.0.1:1" };

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("not pinned", error.Message);
        Assert.Contains("Embedder:Clip:Revision", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://no-such-host.invalid")]
    public async Task An_unreachable_host_fails_fast_with_one_clear_message(string endpoint)
    {
        using var temp = new TempFolder();
        var options = await PinnedOptionsAsync(temp.Path, endpoint.Replace("{port}", FreePort.Next().ToString()));
        options.ConnectTimeout = TimeSpan.FromSeconds(2);

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.StartsWith("Could not download the CLIP model from http://", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Downloads_resumes_a_partial_file_verifies_it_and_then_loads_from_the_cache()
    {
        var source = await TinyClipModels.FolderAsync();
        await using var server = await ModelFileServer.StartAsync(source, Repository, Revision);
        using var cache = new TempFolder();
        var options = await PinnedOptionsAsync(cache.Path, server.BaseAddress);
        var folder = ClipModelLoader.CacheFolder(options);
        var visual = await File.ReadAllBytesAsync(Path.Combine(source, "visual", "model.onnx"), TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(folder, "visual"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "visual", "model.onnx.partial"), visual[..1000], TestContext.Current.CancellationToken);
        var logger = new ListLogger();

        using (var model = (IDisposable)await ClipModelLoader.LoadAsync(options, logger, TestContext.Current.CancellationToken))
        {
            Assert.Contains($"{Repository}@{Revision}", ((PatchDb.Embedder.Models.IEmbeddingModel)model).Source);
        }

        Assert.Contains("visual/model.onnx bytes=1000-", server.Requests);
        Assert.Contains("textual/model.onnx", server.Requests);
        Assert.Contains(logger.Lines, l => l.Contains("(100%)"));
        Assert.Equal(visual, await File.ReadAllBytesAsync(Path.Combine(folder, "visual", "model.onnx"), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories));

        // Second start: offline, from the cache.
        var requests = server.Requests.Count;
        options.DownloadEnabled = false;
        using var cached = (IDisposable)await ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Equal(requests, server.Requests.Count);
        Assert.StartsWith("cache ", ((PatchDb.Embedder.Models.IEmbeddingModel)cached).Source);
    }

    [Fact]
    public async Task A_file_with_the_wrong_hash_is_discarded_and_reported()
    {
        var source = await TinyClipModels.FolderAsync();
        await using var server = await ModelFileServer.StartAsync(source, Repository, Revision);
        using var cache = new TempFolder();
        var options = await PinnedOptionsAsync(cache.Path, server.BaseAddress);
        options.Files["visual/model.onnx"] = new string('0', 64);

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("SHA-256", error.Message);
        var folder = ClipModelLoader.CacheFolder(options);
        Assert.False(File.Exists(Path.Combine(folder, "visual", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(folder, "visual", "model.onnx.partial")));
        Assert.False(File.Exists(Path.Combine(folder, ClipModelLoader.CompleteMarker)));
    }

    private static async Task<ClipModelOptions> PinnedOptionsAsync(string cacheDir, string endpoint)
    {
        var source = await TinyClipModels.FolderAsync();
        var files = new Dictionary<string, string>();
        foreach (var file in s_files)
        {
            files[file] = await ClipModelDownloader.HashAsync(Path.Combine(source, file), TestContext.Current.CancellationToken);
        }

        return new ClipModelOptions
        {
            CacheDir = cacheDir,
            Endpoint = endpoint,
            Repository = Repository,
            Revision = Revision,
            Files = files,
            IntraOpThreads = 1,
        };
    }
}
