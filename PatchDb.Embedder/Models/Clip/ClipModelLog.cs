using Microsoft.Extensions.Logging;

namespace PatchDb.Embedder.Models.Clip;

internal static partial class ClipModelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loading CLIP model {ModelId} from {Source}")]
    public static partial void Loading(ILogger logger, string modelId, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded CLIP model {ModelId} ({Dimensions} dims, text: {SupportsText}) in {Milliseconds} ms")]
    public static partial void Loaded(ILogger logger, string modelId, int dimensions, bool supportsText, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading CLIP file {File} ({Total} bytes; resuming at byte {Offset})")]
    public static partial void Downloading(ILogger logger, string file, long total, long offset);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading {File}: {Received} of {Total} bytes ({Percent}%)")]
    public static partial void Progress(ILogger logger, string file, long received, long total, int percent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloading {File}: {Received} bytes so far")]
    public static partial void ProgressOfUnknown(ILogger logger, string file, long received);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloaded {File} ({Bytes} bytes, SHA-256 {Sha256})")]
    public static partial void Downloaded(ILogger logger, string file, long bytes, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trusted on first use: recorded the SHA-256 of {File} in {LockFile}")]
    public static partial void Locked(ILogger logger, string file, string lockFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verified {Count} CLIP files against {Against} in {Milliseconds} ms")]
    public static partial void Verified(ILogger logger, int count, string against, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process is downloading the CLIP model (it holds {LockFile}); waiting for it")]
    public static partial void WaitingForDownload(ILogger logger, string lockFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The resumed download of {File} does not match its SHA-256; downloading it again from the start")]
    public static partial void ResumeDiscarded(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ORT_DISABLE_TELEMETRY=1 is not in this process's environment: "
        + "ONNX Runtime will record telemetry under $HOME/.cache/Microsoft/DeveloperTools/.onnxruntime. Set it before the "
        + "Embedder starts (the AppHost, the container image and the tests do).")]
    public static partial void TelemetryNotDisabled(ILogger logger);
}
