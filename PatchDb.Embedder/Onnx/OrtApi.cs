using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Onnx;

/// <summary>
/// The OrtApi function table of the loaded ONNX Runtime, read once from <c>OrtGetApiBase()->GetApi(version)</c>.
/// Slot numbers are the zero-based positions in onnxruntime_c_api.h's OrtApi struct (stable since API version 1).
/// Every method turns a non-NULL OrtStatus into an <see cref="OnnxRuntimeException"/> carrying ORT's message.
/// </summary>
internal sealed unsafe partial class OrtApi
{
    // Slots up to 100 exist unchanged since API 1; asking for 14 (ORT 1.14+) only rejects very old libraries.
    private const uint ApiVersion = 14;

    private static readonly Lazy<OrtApi> s_instance = new(Create);

    private readonly nint* _table;

    private OrtApi(nint* table, string version)
    {
        _table = table;
        Version = version;
    }

    public static OrtApi Instance => s_instance.Value;

    public string Version { get; }

    private static OrtApi Create()
    {
        var library = OrtLibrary.Load();
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var export))
        {
            throw new OnnxRuntimeException($"The loaded {OrtLibrary.FileName} has no OrtGetApiBase export: it is not ONNX Runtime.");
        }

        var getApiBase = (delegate* unmanaged[Cdecl]<nint*>)export;
        var apiBase = getApiBase();
        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<nint>)apiBase[1];
        var version = Marshal.PtrToStringUTF8(getVersion()) ?? "?";
        var table = getApi(ApiVersion);
        if (table is null)
        {
            throw new OnnxRuntimeException($"ONNX Runtime {version} does not support C API version {ApiVersion}; install a newer one with eng/install.sh.");
        }

        return new OrtApi(table, version);
    }

    private nint Slot(int index) => _table[index];

    /// <summary>Throws with ORT's message when <paramref name="status"/> is non-NULL, releasing the status.</summary>
    public void Check(nint status)
    {
        if (status == 0)
        {
            return;
        }

        var code = ((delegate* unmanaged[Cdecl]<nint, int>)Slot(1))(status);
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<nint, nint>)Slot(2))(status)) ?? "unknown error";
        ((delegate* unmanaged[Cdecl]<nint, void>)Slot(93))(status);
        throw new OnnxRuntimeException($"ONNX Runtime error {code}: {message}", code);
    }

    /// <summary>Calls one of the many OrtApi functions shaped <c>OrtStatus* f(T* out)</c>-like with one pointer result.</summary>
    private nint Call(int slot, nint a)
    {
        // Zeroed because some outputs are 4-byte enums written into the low half.
        nint result = 0;
        Check(((delegate* unmanaged[Cdecl]<nint, nint*, nint>)Slot(slot))(a, &result));
        return result;
    }

    public void Release(OrtObjectKind kind, nint handle)
    {
        var slot = kind switch
        {
            OrtObjectKind.Env => 92,
            OrtObjectKind.MemoryInfo => 94,
            OrtObjectKind.Session => 95,
            OrtObjectKind.Value => 96,
            OrtObjectKind.TypeInfo => 98,
            OrtObjectKind.TensorTypeAndShapeInfo => 99,
            OrtObjectKind.SessionOptions => 100,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        ((delegate* unmanaged[Cdecl]<nint, void>)Slot(slot))(handle);
    }
}
