using System.Globalization;
using System.Security.Claims;

namespace PatchDb.Web.Services;

/// <summary>The signed-in user's Api identity, carried as claims of the encrypted session cookie.</summary>
// RefreshToken: the Api's rotating refresh token, which renews AccessToken when it expires (null: sign in again).
public sealed record ApiSession(Guid UserId, string Username, string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken = null)
{
    public const string TokenClaim = "patchdb:access_token";
    public const string ExpiresClaim = "patchdb:expires_at";
    public const string RefreshClaim = "patchdb:refresh_token";

    public bool IsExpired(TimeProvider time) => time.GetUtcNow() >= ExpiresAt;

    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, UserId.ToString()),
            new Claim(ClaimTypes.Name, Username),
            new Claim(TokenClaim, AccessToken),
            new Claim(ExpiresClaim, ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            .. RefreshToken is null ? Array.Empty<Claim>() : [new Claim(RefreshClaim, RefreshToken)],
        ],
        authenticationType));

    public static ApiSession? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        var token = principal.FindFirstValue(TokenClaim);
        var expires = principal.FindFirstValue(ExpiresClaim);
        if (!Guid.TryParse(id, out var userId) || name is null || token is null
            || !long.TryParse(expires, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return null;
        }

        return new ApiSession(userId, name, token, DateTimeOffset.FromUnixTimeSeconds(expiresAt), principal.FindFirstValue(RefreshClaim));
    }
}
