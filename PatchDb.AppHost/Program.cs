var builder = DistributedApplication.CreateBuilder(args);

// postgres + database patchdb, redis cache: local processes, containers or Azure (see README.md, PatchDb:Backing).
var backing = builder.AddBackingServices();

var signingKey = builder.AddParameter("jwt-signing-key",
    new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var embedder = builder.AddProject<Projects.PatchDb_Embedder>("embedder")
    .WithHttpEndpoint()
    .WithLocalRunSettings()
    .WithEnvironment("ORT_DISABLE_TELEMETRY", "1")
    .WithReference(backing.Cache).WaitFor(backing.Cache)
    .WithHttpHealthCheck("/health")
    .PublishAsDockerFile(container => container.WithDockerfile("..", "PatchDb.Embedder/Dockerfile"));

var api = builder.AddProject<Projects.PatchDb_Api>("api")
    .WithHttpEndpoint()
    .WithLocalRunSettings()
    .WithEnvironment("Jwt__SigningKey", signingKey)
    .WithBlobStorage(backing)
    .WithReference(backing.Database).WaitFor(backing.Database)
    .WithReference(backing.Cache).WaitFor(backing.Cache)
    .WithReference(embedder).WaitFor(embedder)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.PatchDb_Web>("web")
    .WithHttpEndpoint(port: builder.GetWebPort())
    .WithLocalRunSettings()
    .WithExternalHttpEndpoints()
    .WithReference(backing.Cache).WaitFor(backing.Cache)
    .WithReference(api).WaitFor(api)
    .WithHttpHealthCheck("/health");

builder.AddReadyLines();
builder.Build().Run();
