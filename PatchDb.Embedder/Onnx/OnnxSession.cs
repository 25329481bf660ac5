using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace PatchDb.Embedder.Onnx;

/// <summary>
/// One loaded ONNX model. Inputs and outputs are read from the model at load; <see cref="Run{T}"/> is thread-safe
/// (ORT allows concurrent Run calls on one session) and never overlaps <see cref="Dispose"/>.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ReaderWriterLockSlim _lifetime = new();
    private bool _disposed;

    private OnnxSession(InferenceSession session, string path)
    {
        _session = session;
        Path = path;
        Inputs = [.. session.InputNames.Select(n => Describe(n, session.InputMetadata[n]))];
        Outputs = [.. session.OutputNames.Select(n => Describe(n, session.OutputMetadata[n]))];
    }

    public string Path { get; }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <summary>Loads a model file; a missing or unreadable model throws a clear exception and leaks nothing.</summary>
    public static OnnxSession Load(string path, OnnxSessionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"ONNX model '{fullPath}' does not exist.", fullPath);
        }

        try
        {
            using var sessionOptions = OnnxSessionFactory.CreateOptions(options);
            return new OnnxSession(new InferenceSession(fullPath, sessionOptions), fullPath);
        }
        catch (OrtException ex)
        {
            throw OnnxRuntimeException.From(ex, $"Could not load ONNX model '{fullPath}'");
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxRuntimeException($"Could not load ONNX model '{fullPath}': {ex.Message}", ex.ErrorCode, ex);
        }
    }

    /// <summary>Runs a single-input model on <paramref name="data"/> shaped <paramref name="shape"/>; returns the first output.</summary>
    public OnnxOutput Run<T>(T[] data, ReadOnlySpan<long> shape) where T : unmanaged
    {
        var input = Inputs.Count == 1 ? Inputs[0] : throw new InvalidOperationException($"'{Path}' has {Inputs.Count} inputs; expected one.");
        var type = ElementTypeOf<T>();
        if (type != input.ElementType)
        {
            throw new ArgumentException($"Input '{input.Name}' expects {input.ElementType}, got {typeof(T).Name}.", nameof(data));
        }

        OnnxShape.CheckMatches(input, data.Length, shape);
        _lifetime.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return OnnxSessionFactory.RunFirstOutput(_session, input.Name, Outputs[0].Name, data, shape.ToArray());
        }
        catch (OrtException ex)
        {
            throw OnnxRuntimeException.From(ex, $"Running '{Path}' failed");
        }
        finally
        {
            _lifetime.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _lifetime.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _session.Dispose();
        }
        finally
        {
            _lifetime.ExitWriteLock();
        }
    }

    private static TensorElementType ElementTypeOf<T>() =>
        typeof(T) == typeof(float) ? TensorElementType.Float
        : typeof(T) == typeof(int) ? TensorElementType.Int32
        : typeof(T) == typeof(long) ? TensorElementType.Int64
        : typeof(T) == typeof(byte) ? TensorElementType.UInt8
        : throw new NotSupportedException($"Tensor element type {typeof(T).Name} is not supported.");

    private static OnnxTensorInfo Describe(string name, NodeMetadata metadata) =>
        // Sequences and maps have no tensor element type; PatchDb's models never use them.
        new(name, metadata.IsTensor ? metadata.ElementDataType : TensorElementType.DataTypeMax,
            metadata.IsTensor ? [.. metadata.Dimensions.Select(d => (long)d)] : []);
}
