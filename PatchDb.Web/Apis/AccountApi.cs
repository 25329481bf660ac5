using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PatchDb.Web.Services;

namespace PatchDb.Web.Apis;

public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        // A form post (with the antiforgery token Blazor forms carry), so another site cannot sign the user out.
        app.MapPost("/signout", SignOutAsync);
        return app;
    }

    public static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, [FromForm(Name = "returnUrl")] string? returnUrl,
        ApiClient api)
    {
        // Ends the refresh chain at the Api too, so a copy of the cookie is worth nothing afterwards.
        if (ApiSession.FromPrincipal(context.User)?.RefreshToken is { } refreshToken)
        {
            await api.LogoutAsync(refreshToken, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect(ReturnUrls.IsLocal(returnUrl) ? $"/signin?returnUrl={Uri.EscapeDataString(returnUrl!)}" : "/signin");
    }
}
