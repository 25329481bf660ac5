using Microsoft.Extensions.Options;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.Apis;

public sealed class AnalysisServices(
    PhotoAnalyzer analyzer, ActiveModel model, AnalysisThrottle throttle, IOptions<ImageLimits> limits, EmbedderTelemetry telemetry,
    IOptions<EmbedderOptions> options, IHostEnvironment environment)
{
    /// <summary><see cref="EmbedderOptions.TestingAnalysisDelay"/>, honoured in Development only.</summary>
    public TimeSpan TestingDelay { get; } = environment.IsDevelopment() ? options.Value.TestingAnalysisDelay : TimeSpan.Zero;

    public AnalysisThrottle Throttle { get; } = throttle;

    public PhotoAnalyzer Analyzer { get; } = analyzer;

    public ActiveModel Model { get; } = model;

    public ImageLimits Limits { get; } = limits.Value;

    public EmbedderTelemetry Telemetry { get; } = telemetry;
}
