using Microsoft.Extensions.Logging.Abstractions;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Clip;

namespace PatchDb.Tests.Onnx;

/// <summary>CLIP at first use against a real local HTTP server: trust on first use, verification, resume.</summary>
public sealed class ClipModelDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IEmbeddingModel> LoadAsync(ClipModelOptions options, ListLogger? logger = null) =>
        await ClipModelLoader.LoadAsync(options, (Microsoft.Extensions.Logging.ILogger?)logger ?? NullLogger.Instance, Ct);

    [Fact]
    public async Task The_first_download_records_every_file_in_the_lock()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        var logger = new ListLogger();

        using (var model = (IDisposable)await LoadAsync(options, logger))
        {
            Assert.True(((IEmbeddingModel)model).SupportsText);
            Assert.Contains($"{TinyClipRepository.Repository}@{ModelFileServer.Commit}", ((IEmbeddingModel)model).Source);
        }

        var written = ClipModelLock.Read(ClipModelCache.LockPath(options))!;
        Assert.Equal((TinyClipRepository.Repository, "main", ModelFileServer.Commit), (written.Repository, written.Revision, written.Commit));
        Assert.Equal(TinyClipRepository.Files.Order(), written.Files.Select(f => f.File).Order());
        foreach (var file in TinyClipRepository.Files)
        {
            var locked = written.Find(file)!;
            Assert.Equal(await TinyClipRepository.HashAsync(file), locked.Sha256);
            Assert.Equal(new FileInfo(Path.Combine(await TinyClipModels.FolderAsync(), file)).Length, locked.Size);
            Assert.True(locked.DownloadedAt > DateTimeOffset.UtcNow.AddHours(-1));
        }

        // Large files came through the redirect, as from the hub's CDN; files after the first from the resolved commit.
        Assert.Contains("cdn/visual/model.onnx", server.Requests);
        Assert.Contains(logger.Lines, l => l.StartsWith("Downloading visual/model.onnx:", StringComparison.Ordinal) && l.EndsWith("(100%)", StringComparison.Ordinal));
        Assert.Equal(TinyClipRepository.Files.Length, logger.Lines.Count(l => l.StartsWith("Trusted on first use", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(ClipModelCache.Folder(options), "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_later_load_verifies_the_lock_without_the_network()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        ((IDisposable)await LoadAsync(options)).Dispose();
        var requests = server.Requests.Count;
        var logger = new ListLogger();

        using var model = (IDisposable)await LoadAsync(options, logger);

        Assert.Equal(requests, server.Requests.Count);
        Assert.Contains(logger.Lines, l => l.StartsWith($"Verified {TinyClipRepository.Files.Length} CLIP files against", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_changed_after_the_lock_is_refused_and_not_downloaded_again()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        ((IDisposable)await LoadAsync(options)).Dispose();
        var vocab = Path.Combine(ClipModelCache.Folder(options), "textual", "vocab.json");
        await File.AppendAllTextAsync(vocab, " ", Ct);
        var requests = server.Requests.Count;

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(() => LoadAsync(options));

        Assert.Contains(vocab, error.Message);
        Assert.Contains("changed", error.Message);
        Assert.Contains(ClipModelCache.LockPath(options), error.Message);
        Assert.Equal(requests, server.Requests.Count);
        Assert.EndsWith(" ", await File.ReadAllTextAsync(vocab, Ct));
    }

    [Fact]
    public async Task Deleting_the_lock_downloads_and_trusts_again()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        ((IDisposable)await LoadAsync(options)).Dispose();
        var vocab = Path.Combine(ClipModelCache.Folder(options), "textual", "vocab.json");
        await File.AppendAllTextAsync(vocab, " ", Ct);
        File.Delete(ClipModelCache.LockPath(options));

        using var model = (IDisposable)await LoadAsync(options);

        Assert.Equal(await TinyClipRepository.HashAsync("textual/vocab.json"), await ClipModelDownloader.HashAsync(vocab, Ct));
        Assert.NotNull(ClipModelLock.Read(ClipModelCache.LockPath(options))!.Find("textual/vocab.json"));
    }

    [Fact]
    public async Task A_pinned_hash_wins_over_the_lock()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress, pinned: true);
        ((IDisposable)await LoadAsync(options)).Dispose();
        options.Files["textual/merges.txt"] = new string('a', 64);

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(() => LoadAsync(options));

        Assert.Contains("Embedder:Clip:Files:textual/merges.txt pins", error.Message);
        Assert.Equal(await TinyClipRepository.HashAsync("textual/merges.txt"),
            ClipModelLock.Read(ClipModelCache.LockPath(options))!.Find("textual/merges.txt")!.Sha256);
    }

    [Fact]
    public async Task A_download_that_does_not_match_its_pin_is_discarded()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        options.Files["visual/model.onnx"] = new string('0', 64);

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(() => LoadAsync(options));

        Assert.Contains("SHA-256 of downloaded visual/model.onnx", error.Message);
        var folder = ClipModelCache.Folder(options);
        Assert.False(File.Exists(Path.Combine(folder, "visual", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(folder, "visual", "model.onnx.part")));
        Assert.Null(ClipModelLock.Read(ClipModelCache.LockPath(options))?.Find("visual/model.onnx"));
    }

    [Fact]
    public async Task An_interrupted_download_resumes_from_its_part_file()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        // Short only for the stalled attempt: the wait for it to give up is all this test spends.
        options.ReadTimeout = TimeSpan.FromSeconds(2);
        const int Received = 100_000;
        server.StallOnce("visual/model.onnx", Received);
        var part = Path.Combine(ClipModelCache.Folder(options), "visual", "model.onnx.part");

        var error = await Assert.ThrowsAsync<ClipModelUnavailableException>(() => LoadAsync(options));
        Assert.Contains("timed out", error.Message);
        Assert.Equal(Received, new FileInfo(part).Length);
        options.ReadTimeout = new ClipModelOptions().ReadTimeout;

        using var model = (IDisposable)await LoadAsync(options);

        var size = new FileInfo(Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx")).Length;
        Assert.Contains($"cdn/visual/model.onnx bytes={Received}-", server.Requests);
        // What the server sent in both attempts together is the file once: the second attempt sent only the rest.
        Assert.Equal(size, server.BytesServed("visual/model.onnx"));
        Assert.False(File.Exists(part));
        Assert.Equal(await TinyClipRepository.HashAsync("visual/model.onnx"),
            await ClipModelDownloader.HashAsync(Path.Combine(ClipModelCache.Folder(options), "visual", "model.onnx"), Ct));
    }

    [Fact]
    public async Task A_second_downloader_into_the_same_cache_waits_for_the_first()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        var folder = ClipModelCache.Folder(options);
        Directory.CreateDirectory(folder);
        var logger = new ListLogger();
        Task<IEmbeddingModel> second;

        // This test plays the first downloader: it holds the cache's download lock.
        using (new FileStream(Path.Combine(folder, ClipDownloadLock.FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            second = LoadAsync(options, logger);
            for (var i = 0; i < 300 && !logger.Lines.Any(l => l.StartsWith("Another process is downloading", StringComparison.Ordinal)); i++)
            {
                await Task.Delay(100, Ct);
            }

            Assert.Contains(logger.Lines, l => l.StartsWith("Another process is downloading", StringComparison.Ordinal));
            Assert.Empty(server.Requests);
        }

        using var model = (IDisposable)await second;
        Assert.NotNull(ClipModelLock.Read(ClipModelCache.LockPath(options)));
    }

    [Fact]
    public async Task A_part_file_of_other_bytes_fails_the_announced_hash_and_is_downloaded_again_whole()
    {
        await using var server = await TinyClipRepository.StartServerAsync();
        using var cache = new TempFolder();
        var options = await TinyClipRepository.OptionsAsync(cache.Path, server.BaseAddress);
        var visual = Path.Combine(ClipModelCache.Folder(options), "visual", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(visual)!);
        await File.WriteAllBytesAsync(visual + ".part", new byte[1000], Ct);
        var logger = new ListLogger();

        using var model = (IDisposable)await LoadAsync(options, logger);

        Assert.Equal(["cdn/visual/model.onnx bytes=1000-", "cdn/visual/model.onnx"], server.Requests.Where(r => r.StartsWith("cdn/visual/", StringComparison.Ordinal)));
        Assert.Contains(logger.Lines, l => l.StartsWith("The resumed download of visual/model.onnx does not match", StringComparison.Ordinal));
        Assert.Equal(await TinyClipRepository.HashAsync("visual/model.onnx"), await ClipModelDownloader.HashAsync(visual, Ct));
    }
}
