using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Login attempts per client address and window.</summary>
    [Range(1, int.MaxValue)]
    public int LoginPermitLimit { get; set; } = 10;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Upload token bucket per user: its size, the burst an import of a whole box of patches may send at once.</summary>
    [Range(1, int.MaxValue)]
    public int UploadPermitLimit { get; set; } = 300;

    /// <summary>Tokens added back per <see cref="UploadReplenishmentPeriod"/>: the sustained rate (2/s = 120/min; two
    /// 3 MB photos a second is about 50 Mbit/s, a good Wi-Fi uplink).</summary>
    [Range(1, int.MaxValue)]
    public int UploadTokensPerPeriod { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan UploadReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
