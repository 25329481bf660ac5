using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Imaging.Interop;

/// <summary>Starts libvips once per process, with the settings every caller relies on.</summary>
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
        // libvips reads these from the native environment at start-up: no GLib warnings on stderr for bad input.
        GLibNative.g_setenv("VIPS_WARNING", "0", true);
        GLibNative.g_setenv("G_MESSAGES_DEBUG", "", true);
        if (VipsNative.vips_init("patchdb-embedder") != 0)
        {
            throw new InvalidOperationException($"libvips failed to start: {ReadError()}");
        }

        // The operation cache would otherwise keep decoded images (and their buffers) alive after a request.
        VipsNative.vips_cache_set_max(0);
        VipsNative.vips_block_untrusted_set(true);
        VipsNative.vips_operation_block_set("VipsForeignLoad", true);
        foreach (var (prefix, _) in AllowedLoaders)
        {
            VipsNative.vips_operation_block_set(prefix, false);
        }

        return true;
    }

    /// <summary>Reads and clears libvips' error buffer.</summary>
    public static string ReadError()
    {
        var text = Marshal.PtrToStringUTF8(VipsNative.vips_error_buffer())?.Trim() ?? "";
        VipsNative.vips_error_clear();
        return text.Length == 0 ? "unknown libvips error" : text;
    }
}
