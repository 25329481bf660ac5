using System.Runtime.InteropServices;

namespace PatchDb.Embedder.Onnx;

/// <summary>Owns one ORT object and releases it exactly once with the matching Release* function.</summary>
internal sealed class OrtHandle : SafeHandle
{
    private readonly OrtObjectKind _kind;

    public OrtHandle(OrtObjectKind kind, nint handle) : base(0, ownsHandle: true)
    {
        _kind = kind;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        OrtApi.Instance.Release(_kind, handle);
        return true;
    }
}
