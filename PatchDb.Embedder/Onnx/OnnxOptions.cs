namespace PatchDb.Embedder.Onnx;

/// <summary>Configuration section "Embedder:Onnx".</summary>
public sealed class OnnxOptions
{
    public const string SectionName = "Embedder:Onnx";

    public OnnxDevice Device { get; set; } = OnnxDevice.Cpu;
}
