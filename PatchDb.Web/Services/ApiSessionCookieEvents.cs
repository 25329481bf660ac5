using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PatchDb.Web.Services;

/// <summary>Renews the Api access token inside the cookie with its refresh token once it has expired (the cookie is
/// re-issued with the new pair); ends the session when there is no refresh token or the Api refuses it.</summary>
public sealed class ApiSessionCookieEvents(TimeProvider time, SessionRefresher refresher) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = ApiSession.FromPrincipal(context.Principal);
        if (session is not null && !session.IsExpired(time))
        {
            return;
        }

        var renewed = session?.RefreshToken is null ? null : await refresher.RefreshAsync(session, context.HttpContext.RequestAborted);
        if (renewed is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(renewed.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        context.ShouldRenew = true;
    }
}
