using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Benchmarks;
using PatchDb.Embedder.Extensions;

if (args is ["bench-recall", .. var benchArgs])
{
    return await RecallBenchmark.RunAsync(benchArgs);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapAnalysisApi();

app.Run();
return 0;
