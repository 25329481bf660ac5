using System.ComponentModel.DataAnnotations;

namespace PatchDb.Api.Options;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    // At least 32 bytes of key material for HMAC-SHA256. Empty only in Development (a per-process key is generated).
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "patchdb-api";

    [Required]
    public string Audience { get; set; } = "patchdb";

    // Short on purpose: the Web renews it with a refresh token. Tests use seconds.
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
