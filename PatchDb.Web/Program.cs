using PatchDb.Web.Apis;
using PatchDb.Web.Components;
using PatchDb.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

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
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
