using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PatchDb.Embedder.Onnx;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>Loads <c>clip-vit-b32</c> from a configured folder (used as it is), or from the verified download cache,
/// filled from Hugging Face at first use (<see cref="ClipModelCache"/>).</summary>
public static class ClipModelLoader
{
    public static Task<IEmbeddingModel> LoadAsync(ClipModelOptions options, ILogger logger, CancellationToken ct) =>
        LoadAsync(options, OnnxDevice.Cpu, logger, ct);

    public static async Task<IEmbeddingModel> LoadAsync(ClipModelOptions options, OnnxDevice device, ILogger logger, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.ModelPath))
        {
            var folder = Path.GetFullPath(options.ModelPath);
            if (!File.Exists(Path.Combine(folder, ClipModelLayout.VisualModel)))
            {
                throw new ClipModelUnavailableException(
                    $"CLIP model folder '{folder}' (Embedder:Clip:ModelPath) has no {ClipModelLayout.VisualModel}.");
            }

            return await LoadFolderAsync(folder, options, device, $"folder {folder}", logger, ct);
        }

        var cache = ClipModelCache.Folder(options);
        var trusted = await ClipModelCache.EnsureAsync(options, logger, ct);
        var source = $"{options.Repository}@{trusted.Commit ?? trusted.Revision} in {cache} (verified against {ClipModelLock.FileName})";
        return await LoadFolderAsync(cache, options, device, source, logger, ct);
    }

    private static async Task<IEmbeddingModel> LoadFolderAsync(
        string folder, ClipModelOptions options, OnnxDevice device, string source, ILogger logger, CancellationToken ct)
    {
        ClipModelLog.Loading(logger, options.ModelId, source);
        // Only the environment at process start counts (the native library reads it itself), so all we can do is say so.
        if (Environment.GetEnvironmentVariable("ORT_DISABLE_TELEMETRY") != "1")
        {
            ClipModelLog.TelemetryNotDisabled(logger);
        }

        var watch = Stopwatch.StartNew();
        var sessionOptions = new OnnxSessionOptions { IntraOpThreads = options.IntraOpThreads, Device = device };
        // Session creation is CPU-bound (seconds for ViT-B/32): keep it off the caller's thread.
        ClipModel model;
        try
        {
            model = await Task.Run(() => ClipModel.Load(folder, options.ModelId, source, sessionOptions, options.IncludeTextual), ct);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            // One exception type for every "no CLIP here" cause, so the service can log one line and fall back.
            throw new ClipModelUnavailableException($"CLIP model '{options.ModelId}' from {source} could not be loaded: {ex.Message}", ex);
        }

        ClipModelLog.Loaded(logger, model.ModelId, model.Dimensions, model.SupportsText, watch.ElapsedMilliseconds);
        return model;
    }
}
