namespace PatchDb.Embedder.Onnx;

/// <summary>Type information, memory info and tensor functions of the OrtApi table.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary>The returned pointer belongs to <paramref name="typeInfo"/>: never release it.</summary>
    public nint CastTypeInfoToTensorInfo(nint typeInfo) => Call(55, typeInfo);

    public OnnxElementType GetTensorElementType(nint tensorInfo) => (OnnxElementType)(int)Call(60, tensorInfo);

    public long[] GetDimensions(nint tensorInfo)
    {
        var count = (int)Call(61, tensorInfo);
        var dims = new long[count];
        fixed (long* dimsPtr = dims)
        {
            Check(((delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)Slot(62))(tensorInfo, dimsPtr, (nuint)count));
        }

        return dims;
    }

    /// <summary>Returns an owned OrtTensorTypeAndShapeInfo of a value.</summary>
    public nint GetTensorTypeAndShape(nint value) => Call(65, value);

    public nint GetTensorMutableData(nint value) => Call(51, value);

    public nint CreateCpuMemoryInfo()
    {
        const int arenaAllocator = 1, defaultMemType = 0;
        nint info;
        Check(((delegate* unmanaged[Cdecl]<int, int, nint*, nint>)Slot(69))(arenaAllocator, defaultMemType, &info));
        return info;
    }

    /// <summary>Wraps caller memory without copying: the buffer must stay pinned until the value is released.</summary>
    public nint CreateTensorWithData(nint memoryInfo, void* data, long byteLength, long* shape, int rank, OnnxElementType type)
    {
        nint value;
        Check(((delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(49))(
            memoryInfo, data, (nuint)byteLength, shape, (nuint)rank, (int)type, &value));
        return value;
    }
}
