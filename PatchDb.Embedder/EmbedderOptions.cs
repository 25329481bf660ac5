namespace PatchDb.Embedder;

/// <summary>Configuration section "Embedder".</summary>
public sealed class EmbedderOptions
{
    public const string SectionName = "Embedder";
    public const string ClassicModelId = "classic-v1";
    public const string ClipModelId = "clip-vit-b32";

    /// <summary>The active model: classic-v1 (built in) or clip-vit-b32 (falls back to classic-v1 when unavailable).</summary>
    public string Model { get; set; } = ClassicModelId;

    /// <summary>Most images embedded in one model call.</summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>How long the first image of a batch waits for company; 0 embeds whatever is queued at once.</summary>
    public double MaxBatchWaitMilliseconds { get; set; } = 3;

    /// <summary>Analyses that may read their body and decode at the same time; more wait their turn.</summary>
    public int MaxConcurrentAnalyses { get; set; } = 16;

    /// <summary>How long analysis results stay in Redis.</summary>
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Prefix of every Redis key this service writes.</summary>
    public string CacheKeyPrefix { get; set; } = "embedder:analysis:";

    /// <summary>Development only (ignored elsewhere): every analysis waits this long first, so fault drills can make
    /// the Embedder slower than the Api's timeout without a proxy.</summary>
    public TimeSpan TestingAnalysisDelay { get; set; }

    public bool IsValid() =>
        Model is ClassicModelId or ClipModelId
        && MaxBatchSize is >= 1 and <= 64
        && MaxBatchWaitMilliseconds is >= 0 and <= 1000
        && MaxConcurrentAnalyses is >= 1 and <= 1024
        && CacheTimeToLive > TimeSpan.Zero
        && TestingAnalysisDelay >= TimeSpan.Zero;
}
