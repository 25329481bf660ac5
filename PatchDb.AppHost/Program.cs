using PatchDb.AppHost.Benchmarks;
using PatchDb.AppHost.Hosting;

if (args is ["bench-recognition", .. var benchmarkArgs])
{
    return await RecognitionBenchmark.RunAsync(benchmarkArgs);
}

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var patchdb = postgres.AddDatabase("patchdb");
var cache = builder.AddRedis("cache");

var embedder = builder.AddProject("embedder", "../PatchDb.Embedder")
    .WithReference(cache)
    .WaitFor(cache);

var api = builder.AddProject("api", "../PatchDb.Api")
    .WithReference(patchdb)
    .WithReference(cache)
    .WithReference(embedder)
    .WithEnvironment("Jwt__SigningKey", builder.Secret("jwt-signing-key"))
    .WithEnvironment("Storage__RootPath", builder.DataPath("blobs"))
    .WaitFor(postgres)
    .WaitFor(cache)
    .WaitFor(embedder);

builder.AddProject("web", "../PatchDb.Web")
    .WithReference(api)
    .WaitFor(api)
    .WithExternalHttpEndpoints();

builder.Build().Run();
return 0;
