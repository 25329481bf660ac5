namespace PatchDb.Embedder.Onnx;

/// <summary>An ONNX Runtime call failed; <see cref="Exception.Message"/> carries ORT's own message.</summary>
public sealed class OnnxRuntimeException(string message, int errorCode = 0, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>ORT's OrtErrorCode (e.g. 7 = NO_SUCHFILE, 10 = INVALID_PROTOBUF); 0 when the error is ours.</summary>
    public int ErrorCode { get; } = errorCode;
}
