namespace PatchDb.Embedder.Onnx;

/// <summary>Which Release* function frees an ORT object.</summary>
internal enum OrtObjectKind
{
    Env,
    MemoryInfo,
    Session,
    Value,
    TypeInfo,
    TensorTypeAndShapeInfo,
    SessionOptions,
}
