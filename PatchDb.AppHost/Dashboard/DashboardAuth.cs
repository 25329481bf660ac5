using System.Security.Cryptography;
using System.Text;
using PatchDb.AppHost.Hosting;

namespace PatchDb.AppHost.Dashboard;

/// <summary>
/// Dashboard login: the token printed in the console (<c>/login?t=...</c> or the login form) is exchanged for an
/// HttpOnly cookie. OTLP requests (their own port) are not affected.
/// </summary>
public sealed class DashboardAuth(RequestDelegate next, DistributedApplication application)
{
    public const string CookieName = "patchdb_dashboard";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.LocalPort == application.Options.OtlpPort
            || context.Request.Path.StartsWithSegments("/login")
            || IsValid(context.Request.Cookies[CookieName], application.DashboardToken))
        {
            return next(context);
        }
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fragments"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }
        context.Response.Redirect("/login");
        return Task.CompletedTask;
    }

    public static bool IsValid(string? candidate, string token) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(token));
}
