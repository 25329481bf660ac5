namespace PatchDb.Embedder.Models.ResNet;

/// <summary>
/// Makes an intermediate value of an ONNX model a graph output, on the serialised model, so ONNX Runtime can return it.
/// Protobuf merges a repeated occurrence of an embedded message field into the first one, so appending
/// <c>ModelProto.graph { output { name } }</c> adds one output without parsing the (large) model; ONNX Runtime infers
/// the output's type and shape from the node that produces it.
/// </summary>
public static class OnnxGraphOutputs
{
    private const int ModelGraphField = 7;
    private const int GraphOutputField = 12;
    private const int ValueInfoNameField = 1;

    public static byte[] WithOutput(byte[] model, string valueName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(valueName);
        var name = LengthDelimited(ValueInfoNameField, System.Text.Encoding.UTF8.GetBytes(valueName));
        var graph = LengthDelimited(ModelGraphField, LengthDelimited(GraphOutputField, name));
        return [.. model, .. graph];
    }

    private static byte[] LengthDelimited(int field, byte[] payload)
    {
        var bytes = new List<byte>(payload.Length + 8);
        Varint(bytes, (ulong)((field << 3) | 2));
        Varint(bytes, (ulong)payload.Length);
        bytes.AddRange(payload);
        return [.. bytes];
    }

    private static void Varint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
    }
}
