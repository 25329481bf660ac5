using PatchDb.AppHost.Hosting;

namespace PatchDb.AppHost.Dashboard;

public static class LoginPage
{
    public static void MapLogin(this RouteGroupBuilder dashboard)
    {
        dashboard.MapGet("/login", (string? t, HttpContext context, DistributedApplication application) =>
            t is null ? Html.Page("Login", Form(error: false), showNav: false) : SignIn(t, context, application));
        dashboard.MapPost("/login", async (HttpContext context, DistributedApplication application) =>
        {
            var form = await context.Request.ReadFormAsync();
            return SignIn(form["token"].ToString(), context, application);
        }).DisableAntiforgery();
    }

    static IResult SignIn(string token, HttpContext context, DistributedApplication application)
    {
        if (!DashboardAuth.IsValid(token.Trim(), application.DashboardToken))
        {
            return Html.Page("Login", Form(error: true), showNav: false, StatusCodes.Status401Unauthorized);
        }
        context.Response.Cookies.Append(DashboardAuth.CookieName, application.DashboardToken,
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
        return TypedResults.Redirect("/");
    }

    static string Form(bool error) => $"""
        <form method="post" action="/login" class="login">
          <p>Enter the dashboard token printed in the AppHost console.</p>
          {(error ? "<p class=\"err\">Wrong token.</p>" : "")}
          <input name="token" type="password" autofocus size="40"> <button>Log in</button>
        </form>
        """;
}
