using PatchDb.Embedder.Models.Clip;

namespace PatchDb.Tests.Onnx;

/// <summary>The tiny CLIP model published as a Hugging Face-like repository by <see cref="ModelFileServer"/>.</summary>
public static class TinyClipRepository
{
    public const string Repository = "test/tiny-clip";
    public const string Revision = "main";

    public static readonly string[] Files =
        ["visual/model.onnx", "textual/model.onnx", "textual/vocab.json", "textual/merges.txt", "textual/tokenizer_config.json"];

    public static async Task<ModelFileServer> StartServerAsync() =>
        await ModelFileServer.StartAsync(await TinyClipModels.FolderAsync(), Repository, Revision);

    public static async Task<string> HashAsync(string file) =>
        await ClipModelDownloader.HashAsync(Path.Combine(await TinyClipModels.FolderAsync(), file), TestContext.Current.CancellationToken);

    /// <summary>Options for the repository at <paramref name="endpoint"/>: trust on first use, or every file pinned.</summary>
    public static async Task<ClipModelOptions> OptionsAsync(string cacheDir, string endpoint, bool pinned = false)
    {
        var files = new Dictionary<string, string>();
        foreach (var file in Files)
        {
            files[file] = pinned ? await HashAsync(file) : "";
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

    /// <summary>The same options as Embedder configuration keys.</summary>
    public static Dictionary<string, string?> Settings(ClipModelOptions options)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Embedder:Model"] = "clip-vit-b32",
            ["Embedder:Clip:CacheDir"] = options.CacheDir,
            ["Embedder:Clip:Endpoint"] = options.Endpoint,
            ["Embedder:Clip:Repository"] = options.Repository,
            ["Embedder:Clip:Revision"] = options.Revision,
            ["Embedder:Clip:IntraOpThreads"] = "1",
        };
        foreach (var (file, sha256) in options.Files)
        {
            settings[$"Embedder:Clip:Files:{file}"] = sha256;
        }

        return settings;
    }
}
