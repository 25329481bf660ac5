namespace PatchDb.Embedder.Onnx;

/// <summary>A float32 output tensor copied out of ONNX Runtime (row-major).</summary>
public sealed record OnnxOutput(float[] Data, long[] Shape);
