namespace PatchDb.Embedder.Onnx;

/// <summary>Reads a session's input and output names, element types and shapes.</summary>
internal static class OnnxSessionMetadata
{
    public static OnnxTensorInfo[] ReadInputs(nint session)
    {
        var api = OrtApi.Instance;
        return Enumerable.Range(0, api.SessionGetInputCount(session))
            .Select(i => Describe(api.SessionGetInputName(session, i), api.SessionGetInputTypeInfo(session, i)))
            .ToArray();
    }

    public static OnnxTensorInfo[] ReadOutputs(nint session)
    {
        var api = OrtApi.Instance;
        return Enumerable.Range(0, api.SessionGetOutputCount(session))
            .Select(i => Describe(api.SessionGetOutputName(session, i), api.SessionGetOutputTypeInfo(session, i)))
            .ToArray();
    }

    private static OnnxTensorInfo Describe(string name, nint typeInfo)
    {
        using var owner = new OrtHandle(OrtObjectKind.TypeInfo, typeInfo);
        var api = OrtApi.Instance;
        var tensorInfo = api.CastTypeInfoToTensorInfo(typeInfo);
        if (tensorInfo == 0)
        {
            // Sequences and maps have no tensor info; PatchDb's models never use them.
            return new OnnxTensorInfo(name, OnnxElementType.Undefined, []);
        }

        return new OnnxTensorInfo(name, api.GetTensorElementType(tensorInfo), api.GetDimensions(tensorInfo));
    }
}
