using PatchDb.Web.Apis;
using PatchDb.Web.Components;
using PatchDb.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
// A build output (tests, a Production run from bin/) finds the framework's blazor.web.js where NuGet keeps it, as
// Development does; a publish carries it in wwwroot, and there this is a no-op.
builder.WebHost.UseStaticWebAssets();

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// A readable error page instead of a stack trace, in every environment.
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAccountApi();
app.MapImageProxyApi();
app.MapCollectionApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
