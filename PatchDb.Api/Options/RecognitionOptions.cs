using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>Default "same design" score threshold (0..1) for models without an entry in <see cref="Thresholds"/>.</summary>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.5;

    /// <summary>Per model id thresholds, e.g. <c>Recognition:Thresholds:classic-v1</c>.</summary>
    public Dictionary<string, double> Thresholds { get; set; } = [];

    /// <summary>Minimum score of text search results (text-image similarities are much lower than image-image ones).</summary>
    [Range(0.0, 1.0)]
    public double TextThreshold { get; set; }

    [Range(1, 100)]
    public int MaxMatches { get; set; } = 5;

    /// <summary>How long an upload waits for the Embedder before answering "pending".</summary>
    public TimeSpan AnalyzeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After the Embedder was found unavailable, uploads skip it (answer "pending" at once) for this long,
    /// unless the outbox worker reaches it again first.</summary>
    public TimeSpan EmbedderQuarantine { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan OutboxMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public double ThresholdFor(string modelId) => Thresholds.TryGetValue(modelId, out var value) ? value : Threshold;
}
