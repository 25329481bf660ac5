using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Onnx;

/// <summary>Finds and loads the ONNX Runtime shared library; PatchDb never relies on a package to ship it.</summary>
public static class OrtLibrary
{
    public const string PathVariable = "PATCHDB_ONNXRUNTIME_PATH";
    public const string NativeDirVariable = "PATCHDB_NATIVE_DIR";

    public static string FileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib"
        : "libonnxruntime.so.1";

    /// <summary>Loads the library: explicit file, native dir, next to the app, a .patchdb/native above it, then the system.</summary>
    public static nint Load() =>
        Load(Environment.GetEnvironmentVariable(PathVariable), Environment.GetEnvironmentVariable(NativeDirVariable));

    /// <summary>Loads the library from <paramref name="explicitPath"/> if given, else searches (see <see cref="CandidatePaths"/>).</summary>
    public static nint Load(string? explicitPath, string? nativeDir)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            // A configured path that does not load is a configuration error; do not silently pick another copy.
            try
            {
                return NativeLibrary.Load(explicitPath);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                throw new OnnxRuntimeException($"{PathVariable}='{explicitPath}' could not be loaded: {ex.Message}", 0, ex);
            }
        }

        var candidates = CandidatePaths(nativeDir).ToList();
        foreach (var path in candidates.Where(File.Exists))
        {
            if (NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        foreach (var name in new[] { FileName, "onnxruntime" })
        {
            if (NativeLibrary.TryLoad(name, typeof(OrtLibrary).Assembly, null, out var handle))
            {
                return handle;
            }
        }

        throw new OnnxRuntimeException(
            $"ONNX Runtime ({FileName}) was not found. Run eng/install.sh, or set {PathVariable} to the library file " +
            $"or {NativeDirVariable} to its folder. Looked in: {string.Join(", ", candidates)} and the system library path.");
    }

    public static IEnumerable<string> CandidatePaths(string? nativeDir)
    {
        if (!string.IsNullOrEmpty(nativeDir))
        {
            yield return Path.Combine(nativeDir, FileName);
        }

        var baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, FileName);
        for (var dir = new DirectoryInfo(baseDir); dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, ".patchdb", "native", FileName);
        }
    }
}
