namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// Where the CLIP model comes from (configuration section <c>Embedder:Clip</c>). A configured
/// <see cref="ModelPath"/> wins; otherwise <see cref="Revision"/> of <see cref="Repository"/> is used from
/// <see cref="CacheDir"/>, downloaded there at first use when <see cref="DownloadEnabled"/> and verified against its
/// lock file (<see cref="ClipModelLock"/>) at every later load.
/// </summary>
public sealed class ClipModelOptions
{
    public const string SectionName = "Embedder:Clip";

    public string ModelId { get; set; } = "clip-vit-b32";

    /// <summary>A folder in immich's layout (visual/model.onnx, textual/...). Takes precedence over the cache.</summary>
    public string? ModelPath { get; set; }

    public string CacheDir { get; set; } = DefaultCacheDir();

    public bool DownloadEnabled { get; set; } = true;

    public string Endpoint { get; set; } = "https://huggingface.co";

    public string Repository { get; set; } = ClipModelPins.Repository;

    /// <summary>A branch, tag or commit of <see cref="Repository"/>. A branch is resolved once, at the first download:
    /// the lock file records the commit and later loads never ask again.</summary>
    public string Revision { get; set; } = ClipModelPins.Revision;

    /// <summary>Files to fetch (path in the repository → SHA-256 in hex, or empty to trust on first use).</summary>
    public Dictionary<string, string> Files { get; set; } = new(ClipModelPins.Files);

    public bool IncludeTextual { get; set; } = true;

    /// <summary>ONNX Runtime threads per Run: 1 measured faster than 2 on 2 shared cores (docs/benchmarks.md); the
    /// micro-batcher and concurrent decodes keep the other core busy.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Short on purpose: with no network the service must fall back to its built-in model quickly.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A download that receives nothing for this long is abandoned (the .part file is kept for resuming).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    private static string DefaultCacheDir()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "patchdb", "models");
    }
}
