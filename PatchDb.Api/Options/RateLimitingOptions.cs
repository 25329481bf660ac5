using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Login attempts per client address and window.</summary>
    [Range(1, int.MaxValue)]
    public int LoginPermitLimit { get; set; } = 10;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Uploads per user and window.</summary>
    [Range(1, int.MaxValue)]
    public int UploadPermitLimit { get; set; } = 120;

    public TimeSpan UploadWindow { get; set; } = TimeSpan.FromMinutes(1);
}
