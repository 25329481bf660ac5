namespace PatchDb.Embedder.Onnx;

/// <summary>Where ONNX Runtime runs the models (Embedder:Onnx:Device).</summary>
public enum OnnxDevice
{
    Cpu,

    /// <summary>Needs the build with <c>-p:OnnxRuntimeGpu=true</c> (ONNX Runtime's CUDA package) and CUDA 13 libraries.</summary>
    Cuda,
}
