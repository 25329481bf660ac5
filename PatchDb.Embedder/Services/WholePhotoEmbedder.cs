using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.ResNet;

namespace PatchDb.Embedder.Services;

/// <summary>
/// The whole-photo descriptor for the Api's second shortlist: ImageNet ResNet18's last feature map of the whole photo,
/// GeM-pooled (p = 3). It does not look for the patch, so it still ranks the right group when segmentation fails (real
/// photos: cartons, hands, busy tables); it never decides a match alone. Loaded on first use; when the model files are
/// missing the analyses simply carry no auxiliary embedding (logged once).
/// </summary>
public sealed partial class WholePhotoEmbedder(ILogger<WholePhotoEmbedder> logger) : IDisposable
{
    public const string ModelId = "r18-gem-v1";
    public const double GemPower = 3;

    private readonly Lazy<ResNet18Features?> _features = new(() => Load(logger));

    public bool IsAvailable => _features.Value is not null;

    public AuxiliaryEmbedding? TryEmbed(RgbImage image)
    {
        if (_features.Value is not { } features)
        {
            return null;
        }
        using var activity = EmbedderTelemetry.ActivitySource.StartActivity("whole-photo-embedding");
        var map = features.FeatureMap(image);
        return new AuxiliaryEmbedding(ModelId, FeaturePooling.GeneralisedMean(map, ResNet18Features.Channels, GemPower));
    }

    private static ResNet18Features? Load(ILogger logger)
    {
        try
        {
            return new ResNet18Features(ResNet18Features.DefaultFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            LogUnavailable(logger, e.Message);
            return null;
        }
    }

    public void Dispose()
    {
        if (_features.IsValueCreated)
        {
            _features.Value?.Dispose();
        }
    }

    [LoggerMessage(LogLevel.Warning, "The whole-photo ResNet18 descriptor is unavailable ({Reason}): analyses carry no auxiliary embedding.")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
