using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>Default "same design" score threshold (0..1) for models without an entry in <see cref="Thresholds"/>.
    /// For a calibrated model 0.5 is the calibrated decision point.</summary>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.5;

    /// <summary>Per model id score calibrations (<c>Recognition:Calibrations:classic-v1:Center</c>, <c>...:Width</c>).
    /// classic-v1's centre is its gallery-calibrated threshold (docs/classic-v1.md): unrelated patches still reach a
    /// cosine of about 0.8 with it, so its raw cosine would read as a misleadingly high percentage.</summary>
    public Dictionary<string, ScoreCalibration> Calibrations { get; set; } = new()
    {
        ["classic-v1"] = new ScoreCalibration { Center = 0.912, Width = 0.02 },
    };

    /// <summary>Model ids of shortlist-only embeddings (the Embedder's auxiliary embeddings): they add candidate groups,
    /// which verification must then confirm, but never score or decide a match themselves. The Embedder also sends
    /// <c>sift-words-v1</c>, the bag of the photo's own visual words, and the Api stores it; it is not searched by
    /// default, because at 10,000 images its search and extra verifications broke the upload latency bar
    /// (docs/benchmarks.md, "Visual words"). The configuration binder adds to this default, so
    /// <c>Recognition:AuxiliaryModels:1 = sift-words-v1</c> turns it on; a model listed twice counts once.</summary>
    public List<string> AuxiliaryModels { get; set; } = ["r18-gem-v1"];

    /// <summary>
    /// A match must be earned: when the best group's cosine leads the runner-up group's by less than this and
    /// verification did not confirm it, it is offered as a candidate, not a match (a new design resembling several
    /// enrolled ones). 0.043 for classic-v1, calibrated on the patches gallery photos only (`bench-recall`, LeadCalibration;
    /// docs/benchmarks.md); 0 turns the rule off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinUnverifiedLead { get; set; } = 0.043;

    public bool IsAuxiliary(string modelId) => AuxiliaryModels.Contains(modelId);

    /// <summary>Per model id thresholds, e.g. <c>Recognition:Thresholds:classic-v1</c>.</summary>
    public Dictionary<string, double> Thresholds { get; set; } = [];

    /// <summary>Minimum score of text search results (text-image similarities are much lower than image-image ones).</summary>
    [Range(0.0, 1.0)]
    public double TextThreshold { get; set; }

    [Range(1, 100)]
    public int MaxMatches { get; set; } = 5;

    /// <summary>How many groups below the threshold an upload also returns as <c>candidates</c> (0: none).</summary>
    [Range(0, 100)]
    public int MaxCandidates { get; set; } = 5;

    /// <summary>Candidates scoring below this are left out: under 1 % a group is no more likely than any unrelated
    /// one, and offering it would only be noise.</summary>
    [Range(0.0, 1.0)]
    public double MinCandidateScore { get; set; } = 0.01;

    /// <summary>How long an upload waits for the Embedder before answering "pending".</summary>
    public TimeSpan AnalyzeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the outbox waits for one analysis. Longer than <see cref="AnalyzeTimeout"/>: nobody waits for
    /// the answer, and a slow Embedder must still complete the queue (within the HTTP resilience attempt timeout).</summary>
    public TimeSpan OutboxAnalyzeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the Embedder was found unavailable, uploads skip it (answer "pending" at once) for this long,
    /// unless the outbox worker reaches it again first.</summary>
    public TimeSpan EmbedderQuarantine { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Queued analyses one replica waits for at the same time.</summary>
    [Range(1, 64)]
    public int OutboxConcurrency { get; set; } = 4;

    public TimeSpan OutboxMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public double ThresholdFor(string modelId) => Thresholds.TryGetValue(modelId, out var value) ? value : Threshold;

    public ScoreCalibration CalibrationFor(string modelId) =>
        Calibrations.TryGetValue(modelId, out var calibration) ? calibration : ScoreCalibration.Cosine;
}
