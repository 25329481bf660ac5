using System.Text.RegularExpressions;

namespace PatchDb.Embedder.Onnx;

/// <summary>Loading or running a model failed; <see cref="Exception.Message"/> carries ONNX Runtime's own message.</summary>
public sealed partial class OnnxRuntimeException(string message, string errorCode = "", Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>ORT's error code name (e.g. NoSuchFile, InvalidProtobuf); empty when the error is ours.</summary>
    public string ErrorCode { get; } = errorCode;

    /// <summary>Wraps ORT's exception, whose message starts "[ErrorCode:Name]" (the code itself is not public).</summary>
    public static OnnxRuntimeException From(Microsoft.ML.OnnxRuntime.OnnxRuntimeException ortException, string context)
    {
        var code = CodePattern().Match(ortException.Message) is { Success: true } m ? m.Groups[1].Value : "Unknown";
        return new OnnxRuntimeException($"{context}: ONNX Runtime error {code}: {ortException.Message}", code, ortException);
    }

    [GeneratedRegex(@"^\[ErrorCode:(\w+)\]")]
    private static partial Regex CodePattern();
}
