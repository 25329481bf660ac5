using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PatchDb.Web.Services;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Components.Account;

/// <summary>Starts the cookie session from a fresh Api token; the cookie expires with the token.</summary>
public static class SessionCookie
{
    public static async Task<bool> SignInAsync(HttpContext context, string username, TokenResponse token, Guid? knownUserId, TimeProvider time)
    {
        var userId = knownUserId ?? AccessTokens.ReadUserId(token.AccessToken);
        if (userId is null)
        {
            return false;
        }

        var expiresAt = time.GetUtcNow().AddSeconds(Math.Max(token.ExpiresIn, 0));
        var session = new ApiSession(userId.Value, username, token.AccessToken, expiresAt);
        await context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            session.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { ExpiresUtc = expiresAt, IsPersistent = true, AllowRefresh = false });
        return true;
    }
}
