using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PatchDb.Web.Services;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Components.Account;

/// <summary>Starts the cookie session from a fresh Api token. With a refresh token the cookie lasts
/// <see cref="Lifetime"/> (sliding, renewed by ApiSessionCookieEvents); without one it expires with the access token.</summary>
public static class SessionCookie
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static async Task<bool> SignInAsync(HttpContext context, string username, TokenResponse token, Guid? knownUserId, TimeProvider time)
    {
        var userId = knownUserId ?? AccessTokens.ReadUserId(token.AccessToken);
        if (userId is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var expiresAt = now.AddSeconds(Math.Max(token.ExpiresIn, 0));
        var session = new ApiSession(userId.Value, username, token.AccessToken, expiresAt, token.RefreshToken);
        var lasting = token.RefreshToken is not null;
        await context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            session.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { ExpiresUtc = lasting ? now + Lifetime : expiresAt, IsPersistent = true, AllowRefresh = lasting });
        return true;
    }
}
