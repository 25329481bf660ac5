using System.Diagnostics;
using Microsoft.Extensions.Options;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Services;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Local features for /v1/analyze and their verification for /v1/verify. OpenCV's native library is optional at run
/// time: where it cannot load (e.g. GTK 3, which it links, is missing) analyses carry no features, verification
/// answers 503, and the cause is logged once.
/// </summary>
public sealed partial class LocalFeatureService
{
    private readonly LocalFeatureOptions _options;
    private readonly EmbedderTelemetry _telemetry;
    private readonly ILogger<LocalFeatureService> _logger;
    private readonly Lazy<bool> _available;

    public LocalFeatureService(IOptions<LocalFeatureOptions> options, EmbedderTelemetry telemetry, ILogger<LocalFeatureService> logger)
    {
        _options = options.Value;
        _telemetry = telemetry;
        _logger = logger;
        _available = new(() =>
        {
            if (OpenCvVision.TryLoad(out var error))
            {
                return true;
            }

            LogUnavailable(logger, error ?? "unknown reason");
            return false;
        });
    }

    public LocalFeatureOptions Options => _options;

    public bool IsAvailable => _available.Value;

    /// <summary>The image's features (<see cref="LocalFeatureSet.Encode"/> gives their PDLF blob); null when disabled or
    /// the native library is missing.</summary>
    public LocalFeatureSet? TryExtract(RgbImage image)
    {
        if (!_options.Enabled || !IsAvailable)
        {
            return null;
        }

        using var activity = EmbedderTelemetry.ActivitySource.StartActivity("local-features");
        var started = Stopwatch.GetTimestamp();
        LocalFeatureSet features;
        try
        {
            features = OpenCvVision.Extract(image, _options.MaxFeatures);
        }
        catch (InvalidOperationException e)
        {
            // Features only refine matching: a photo OpenCV cannot handle is still analysed, just without them.
            LogExtractionFailed(_logger, image.Width, image.Height, e.Message);
            return null;
        }

        _telemetry.FeaturesExtracted(Stopwatch.GetElapsedTime(started));
        activity?.SetTag("patchdb.features", features.Count);
        return features;
    }

    /// <summary>Colour-consistent inliers of each candidate against the query, in candidate order. Needs
    /// <see cref="IsAvailable"/>.</summary>
    public int[] Verify(LocalFeatureSet query, IReadOnlyList<LocalFeatureSet> candidates)
    {
        using var activity = EmbedderTelemetry.ActivitySource.StartActivity("verify");
        activity?.SetTag("patchdb.candidates", candidates.Count);
        var inliers = new int[candidates.Count];
        // Pairs are independent and CPU-bound: spread them over the cores.
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => inliers[i] = OpenCvVision.VerifyColourConsistent(query, candidates[i], _options.Ratio, _options.ReprojectionPixels));
        return inliers;
    }

    /// <summary>As <see cref="Verify"/>, and with each candidate's design given, also the inliers distinctive of that
    /// design (<see cref="DistinctiveInliers"/>). Needs <see cref="IsAvailable"/>.</summary>
    public (int[] All, int[] Distinctive) VerifyByDesign(LocalFeatureSet query, IReadOnlyList<LocalFeatureSet> candidates,
        IReadOnlyList<string?> designs)
    {
        using var activity = EmbedderTelemetry.ActivitySource.StartActivity("verify");
        activity?.SetTag("patchdb.candidates", candidates.Count);
        activity?.SetTag("patchdb.designs", designs.Where(d => d is not null).Distinct().Count());
        return DistinctiveInliers.Count(query, candidates, designs, _options);
    }

    [LoggerMessage(LogLevel.Warning, "Local features are unavailable ({Reason}): analyses carry none and /v1/verify "
        + "answers 503. OpenCV (OpenCvSharp4.official.runtime) needs Debian's libgtk-3-0: run eng/install.sh.")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "Local features of a {Width}×{Height} image failed: {Reason}")]
    private static partial void LogExtractionFailed(ILogger logger, int width, int height, string reason);
}
