using PatchDb.Api.Apis;
using PatchDb.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseApiMiddleware();

app.MapUsersApi();
app.MapPatchesApi();
app.MapGroupsApi();
app.MapImagesApi();
app.MapSearchApi();
app.MapCollectionApi();
app.MapSessionsApi();
app.MapSharesApi();
app.MapRejectionsApi();
app.MapEvidenceApi();

// "reindex" and "bench" run a command instead of only serving.
if (await app.RunCommandAsync(args))
{
    return;
}

app.Run();
