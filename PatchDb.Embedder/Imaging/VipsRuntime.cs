using NetVips;

namespace PatchDb.Embedder.Imaging;

/// <summary>Settings every caller of libvips relies on, applied once per process before the first image.</summary>
internal static class VipsRuntime
{
    /// <summary>Loaders we accept (class-name prefixes; libvips names the buffer variants "...Buffer").
    /// Everything else — SVG, PDF, ImageMagick, JPEG XL, raw formats — is blocked.</summary>
    public static readonly IReadOnlyList<(string ClassPrefix, string Format)> AllowedLoaders =
    [
        ("VipsForeignLoadJpeg", "jpeg"),
        ("VipsForeignLoadPng", "png"),
        ("VipsForeignLoadWebp", "webp"),
        ("VipsForeignLoadNsgif", "gif"),
        ("VipsForeignLoadGif", "gif"),
        ("VipsForeignLoadTiff", "tiff"),
        ("VipsForeignLoadHeif", "heif"),
    ];

    private static readonly Lazy<bool> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureStarted() => _ = Started.Value;

    private static bool Start()
    {
        if (!ModuleInitializer.VipsInitialized)
        {
            throw new InvalidOperationException($"libvips (NetVips.Native) failed to start: {ModuleInitializer.Exception?.Message}");
        }

        // The operation cache would otherwise keep decoded images (and their buffers) alive after a request.
        Cache.Max = 0;
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var (prefix, _) in AllowedLoaders)
        {
            Operation.Block(prefix, false);
        }

        return true;
    }
}
