using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long an upload's Idempotency-Key replays its first answer (then the sweep deletes it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A claim with no stored image after this long is taken as abandoned (its replica died mid-upload).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(5);
}
