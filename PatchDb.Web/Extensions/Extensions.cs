using Microsoft.AspNetCore.Authentication.Cookies;
using PatchDb.Web.Services;
using PatchDb.Web.Services.Import;

namespace PatchDb.Web.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddRazorComponents()
            .AddInteractiveServerComponents();

        // The session is an encrypted, HTTP-only cookie holding the Api tokens as claims: they never reach the
        // browser's script. It lasts 30 days of use (sliding); the access token inside is renewed by ApiSessionCookieEvents.
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/signin";
                options.Cookie.Name = "patchdb.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = PatchDb.Web.Components.Account.SessionCookie.Lifetime;
                options.SlidingExpiration = true;
                options.EventsType = typeof(ApiSessionCookieEvents);
            });
        services.AddScoped<ApiSessionCookieEvents>();
        services.AddSingleton<SessionRefresher>();
        builder.AddDataProtectionKeys();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();

        services.AddScoped<ApiStatus>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<BulkImporter>();

        // "http://api" resolves through service discovery (services:api:http:0), configured in ServiceDefaults.
        // The retry budget is short (appsettings.json, HttpResilience): a person is waiting, the banner takes over,
        // and uploads run long (analysis), so a single attempt may take up to 90 s.
        services.AddHttpClient<ApiClient>(client => client.BaseAddress = new Uri("http://api"));
    }
}
