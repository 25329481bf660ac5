using Microsoft.Extensions.Options;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.Apis;

public sealed class AnalysisServices(PhotoAnalyzer analyzer, ActiveModel model, IOptions<ImageLimits> limits, EmbedderTelemetry telemetry)
{
    public PhotoAnalyzer Analyzer { get; } = analyzer;

    public ActiveModel Model { get; } = model;

    public ImageLimits Limits { get; } = limits.Value;

    public EmbedderTelemetry Telemetry { get; } = telemetry;
}
