using PatchDb.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

// "reindex" and "bench" run a command instead of serving.
if (await app.RunCommandAsync(args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapApplication();

app.Run();
