using Microsoft.Extensions.Logging.Abstractions;
using PatchDb.Embedder.Models.Clip;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Onnx;

public sealed class ClipModelLoaderTests
{
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

    [Theory]
    [InlineData("http://127.0.0.1:{port}")]
    [InlineData("http://no-such-host.invalid")]
    public async Task An_unreachable_host_fails_fast_with_one_clear_message(string endpoint)
    {
        using var temp = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(temp.Path, endpoint.Replace("{port}", FreePort.Refusing.ToString()));
        options.ConnectTimeout = TimeSpan.FromSeconds(2);

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(
            () => ClipModelLoader.LoadAsync(options, NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.StartsWith("Could not download the CLIP model from http://", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
