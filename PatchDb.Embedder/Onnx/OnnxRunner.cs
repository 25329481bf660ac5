namespace PatchDb.Embedder.Onnx;

/// <summary>One Run: wraps the pinned input, runs, copies the float output out and releases every ORT value.</summary>
internal static unsafe class OnnxRunner
{
    public static OnnxOutput Run<T>(
        OrtHandle session, OrtHandle memoryInfo, byte[] inputName, byte[] outputName, T[] data, ReadOnlySpan<long> shape,
        OnnxElementType type) where T : unmanaged
    {
        var api = OrtApi.Instance;
        var sessionAdded = false;
        var memoryAdded = false;
        try
        {
            // Keeps Dispose on another thread from releasing the session in the middle of a Run.
            session.DangerousAddRef(ref sessionAdded);
            memoryInfo.DangerousAddRef(ref memoryAdded);
            fixed (T* dataPtr = data)
            fixed (long* shapePtr = shape)
            fixed (byte* inName = inputName)
            fixed (byte* outName = outputName)
            {
                using var input = new OrtHandle(OrtObjectKind.Value, api.CreateTensorWithData(
                    memoryInfo.DangerousGetHandle(), dataPtr, (long)data.Length * sizeof(T), shapePtr, shape.Length, type));
                var inputValue = input.DangerousGetHandle();
                var inNamePtr = (nint)inName;
                var outNamePtr = (nint)outName;
                nint outputValue = 0;
                api.Run(session.DangerousGetHandle(), &inNamePtr, &inputValue, 1, &outNamePtr, 1, &outputValue);
                using var output = new OrtHandle(OrtObjectKind.Value, outputValue);
                return CopyFloatOutput(api, outputValue);
            }
        }
        finally
        {
            if (memoryAdded)
            {
                memoryInfo.DangerousRelease();
            }

            if (sessionAdded)
            {
                session.DangerousRelease();
            }
        }
    }

    private static OnnxOutput CopyFloatOutput(OrtApi api, nint value)
    {
        using var info = new OrtHandle(OrtObjectKind.TensorTypeAndShapeInfo, api.GetTensorTypeAndShape(value));
        var type = api.GetTensorElementType(info.DangerousGetHandle());
        if (type != OnnxElementType.Float)
        {
            throw new OnnxRuntimeException($"The model's output is {type}; PatchDb expects float32.");
        }

        var shape = api.GetDimensions(info.DangerousGetHandle());
        long count = 1;
        foreach (var dim in shape)
        {
            count *= dim;
        }

        var result = new float[count];
        new ReadOnlySpan<float>((void*)api.GetTensorMutableData(value), result.Length).CopyTo(result);
        return new OnnxOutput(result, shape);
    }
}
