using Microsoft.ML.OnnxRuntime.Tensors;

namespace PatchDb.Embedder.Onnx;

/// <summary>A model input or output as declared by the model; dynamic dimensions are -1.</summary>
public sealed record OnnxTensorInfo(string Name, TensorElementType ElementType, long[] Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(',', Shape)}]";
}
