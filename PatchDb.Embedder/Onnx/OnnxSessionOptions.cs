namespace PatchDb.Embedder.Onnx;

public sealed record OnnxSessionOptions
{
    /// <summary>Threads for one Run. Always set explicitly: ORT's default spins and gives latency spikes on small machines.</summary>
    public int IntraOpThreads { get; init; } = 1;

    public OnnxDevice Device { get; init; } = OnnxDevice.Cpu;
}
