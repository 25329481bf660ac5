using System.Text;

namespace PatchDb.Embedder.Onnx;

/// <summary>
/// One loaded ONNX model. Inputs and outputs are read from the model at load; <see cref="Run{T}"/> is thread-safe
/// (ORT allows concurrent Run calls on one session).
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private const int GraphOptimizationAll = 99;
    private const int ExecutionSequential = 0;

    private readonly OrtHandle _session;
    private readonly OrtHandle _memoryInfo;
    private readonly byte[][] _inputNames;
    private readonly byte[][] _outputNames;

    private OnnxSession(OrtHandle session, OrtHandle memoryInfo, string path)
    {
        _session = session;
        _memoryInfo = memoryInfo;
        Path = path;
        Inputs = OnnxSessionMetadata.ReadInputs(session.DangerousGetHandle());
        Outputs = OnnxSessionMetadata.ReadOutputs(session.DangerousGetHandle());
        _inputNames = Inputs.Select(i => Encoding.UTF8.GetBytes(i.Name + "\0")).ToArray();
        _outputNames = Outputs.Select(o => Encoding.UTF8.GetBytes(o.Name + "\0")).ToArray();
    }

    public string Path { get; }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    public static string RuntimeVersion => OrtApi.Instance.Version;

    /// <summary>Loads a model file; a missing or unreadable model throws a clear exception and leaks nothing.</summary>
    public static OnnxSession Load(string path, OnnxSessionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model '{fullPath}' does not exist.", fullPath);
        }

        var api = OrtApi.Instance;
        var env = OrtEnvironment.Handle;
        using var sessionOptions = new OrtHandle(OrtObjectKind.SessionOptions, api.CreateSessionOptions());
        var opts = sessionOptions.DangerousGetHandle();
        api.SetIntraOpNumThreads(opts, options.IntraOpThreads);
        api.SetInterOpNumThreads(opts, 1);
        api.SetExecutionMode(opts, ExecutionSequential);
        api.SetGraphOptimizationLevel(opts, GraphOptimizationAll);

        OrtHandle session;
        try
        {
            session = new OrtHandle(OrtObjectKind.Session, api.CreateSession(env.DangerousGetHandle(), fullPath, opts));
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxRuntimeException($"Could not load ONNX model '{fullPath}': {ex.Message}", ex.ErrorCode, ex);
        }

        try
        {
            return new OnnxSession(session, new OrtHandle(OrtObjectKind.MemoryInfo, api.CreateCpuMemoryInfo()), fullPath);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs a single-input model on <paramref name="data"/> shaped <paramref name="shape"/>; returns the first output.</summary>
    public OnnxOutput Run<T>(T[] data, ReadOnlySpan<long> shape) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        var input = Inputs.Count == 1 ? Inputs[0] : throw new InvalidOperationException($"'{Path}' has {Inputs.Count} inputs; expected one.");
        var type = ElementTypeOf<T>();
        if (type != input.ElementType)
        {
            throw new ArgumentException($"Input '{input.Name}' expects {input.ElementType}, got {type}.", nameof(data));
        }

        OnnxShape.CheckMatches(input, data.Length, shape);
        return OnnxRunner.Run(_session, _memoryInfo, _inputNames[0], _outputNames[0], data, shape, type);
    }

    public void Dispose()
    {
        _session.Dispose();
        _memoryInfo.Dispose();
    }

    private static OnnxElementType ElementTypeOf<T>() =>
        typeof(T) == typeof(float) ? OnnxElementType.Float
        : typeof(T) == typeof(int) ? OnnxElementType.Int32
        : typeof(T) == typeof(long) ? OnnxElementType.Int64
        : typeof(T) == typeof(byte) ? OnnxElementType.UInt8
        : throw new NotSupportedException($"Tensor element type {typeof(T).Name} is not supported.");
}
