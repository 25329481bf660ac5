namespace PatchDb.Embedder.Onnx;

/// <summary>The ONNXTensorElementDataType values PatchDb uses.</summary>
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int32 = 6,
    Int64 = 7,
}
