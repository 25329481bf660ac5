using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace PatchDb.Web.Services;

/// <summary>Ends the cookie session as soon as the Api token inside it has expired, so the user signs in again.</summary>
public sealed class ApiSessionCookieEvents(TimeProvider time) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = ApiSession.FromPrincipal(context.Principal);
        if (session is null || session.IsExpired(time))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
