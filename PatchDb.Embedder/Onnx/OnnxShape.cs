namespace PatchDb.Embedder.Onnx;

/// <summary>Checks a tensor shape against a model's declared input before ORT sees it, for clearer errors.</summary>
internal static class OnnxShape
{
    public static void CheckMatches(OnnxTensorInfo input, int length, ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim, nameof(shape));
            count *= dim;
        }

        if (count != length)
        {
            throw new ArgumentException($"Shape [{string.Join(',', shape.ToArray())}] needs {count} elements, got {length}.");
        }

        var declared = input.Shape;
        var compatible = declared.Length == shape.Length;
        for (var i = 0; compatible && i < declared.Length; i++)
        {
            compatible = declared[i] < 0 || declared[i] == shape[i];
        }

        if (!compatible)
        {
            throw new ArgumentException($"Shape [{string.Join(',', shape.ToArray())}] does not fit input {input}.");
        }
    }
}
