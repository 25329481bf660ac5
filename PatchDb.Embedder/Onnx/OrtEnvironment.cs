namespace PatchDb.Embedder.Onnx;

/// <summary>The process-wide OrtEnv (ORT wants one per process); it lives as long as the process.</summary>
internal static class OrtEnvironment
{
    private const int LogLevelError = 3;

    private static readonly Lazy<OrtHandle> s_env = new(
        () => new OrtHandle(OrtObjectKind.Env, OrtApi.Instance.CreateEnv(LogLevelError, "patchdb")));

    public static OrtHandle Handle => s_env.Value;
}
