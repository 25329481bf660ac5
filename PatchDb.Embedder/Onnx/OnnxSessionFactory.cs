using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace PatchDb.Embedder.Onnx;

/// <summary>ONNX Runtime's session options as PatchDb sets them, and one Run copied out to managed memory.</summary>
internal static class OnnxSessionFactory
{
    public static SessionOptions CreateOptions(OnnxSessionOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            if (options.Device == OnnxDevice.Cuda)
            {
                sessionOptions.AppendExecutionProvider_CUDA(0);
            }

            return sessionOptions;
        }
        catch (EntryPointNotFoundException e)
        {
            // The CPU-only package's library has no CUDA provider entry point at all.
            sessionOptions.Dispose();
            throw new OnnxRuntimeException("Embedder:Onnx:Device=cuda needs the CUDA build of the Embedder "
                + "(dotnet build -p:OnnxRuntimeGpu=true) and the CUDA 13 runtime libraries; this build has the CPU provider only.",
                "NoCudaProvider", e);
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }

    public static OnnxOutput RunFirstOutput<T>(InferenceSession session, string inputName, string outputName, T[] data, long[] shape)
        where T : unmanaged
    {
        // Wraps the array without copying; ORT pins it for the lifetime of the value.
        using var input = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [input], [outputName]);
        var output = results[0];
        var info = output.GetTensorTypeAndShape();
        if (info.ElementDataType != TensorElementType.Float)
        {
            throw new OnnxRuntimeException($"The model's output is {info.ElementDataType}; PatchDb expects float32.");
        }

        return new OnnxOutput(output.GetTensorDataAsSpan<float>().ToArray(), info.Shape);
    }
}
