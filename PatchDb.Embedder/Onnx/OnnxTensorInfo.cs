namespace PatchDb.Embedder.Onnx;

/// <summary>A model input or output as declared by the model; dynamic dimensions are -1.</summary>
public sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, long[] Shape)
{
    public override string ToString() => $"{Name}: {ElementType}[{string.Join(',', Shape)}]";
}
