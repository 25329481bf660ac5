namespace PatchDb.AppHost.Hosting;

/// <summary>Declares the resources of the application, like Aspire's <c>IDistributedApplicationBuilder</c>.</summary>
public sealed class DistributedApplicationBuilder(AppHostOptions options)
{
    readonly List<Resource> _resources = [];

    public AppHostOptions Options { get; } = options;
    public IReadOnlyList<Resource> Resources => _resources;

    public ResourceBuilder<PostgresServerResource> AddPostgres(string name, int? port = null) => Add(new PostgresServerResource(name, port));

    public ResourceBuilder<RedisResource> AddRedis(string name) => Add(new RedisResource(name));

    /// <summary>A project by its folder, relative to the AppHost project folder (e.g. <c>../PatchDb.Api</c>).</summary>
    public ResourceBuilder<ProjectResource> AddProject(string name, string projectPath)
    {
        var project = Add(new ProjectResource(name, projectPath));
        var env = project.Resource.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = () => "Development";
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = () => $"http://localhost:{Options.OtlpPort}";
        env["OTEL_EXPORTER_OTLP_PROTOCOL"] = () => "http/protobuf";
        // Short export intervals so the dashboard is live (the SDK defaults are 5 s for spans, 60 s for metrics).
        env["OTEL_BSP_SCHEDULE_DELAY"] = () => "1000";
        env["OTEL_BLRP_SCHEDULE_DELAY"] = () => "1000";
        env["OTEL_METRIC_EXPORT_INTERVAL"] = () => "5000";
        // As in Aspire's project template: request logs of every probe would drown the structured logs.
        env["Logging__LogLevel__Microsoft.AspNetCore"] = () => "Warning";
        env["PATCHDB_NATIVE_DIR"] = () => System.Environment.GetEnvironmentVariable("PATCHDB_NATIVE_DIR")
            ?? Path.Combine(Options.RepoRoot, ".patchdb", "native");
        return project;
    }

    /// <summary>A secret generated once and kept in the data folder (e.g. a JWT signing key).</summary>
    public string Secret(string name) => Secrets.GetOrCreate(Options.DataDir, name);

    /// <summary>A folder inside the data folder, created if missing.</summary>
    public string DataPath(string name) => Directory.CreateDirectory(Path.Combine(Options.DataDir, name)).FullName;

    public DistributedApplication Build() => new(Options, _resources);

    /// <summary>Any custom resource, as Aspire's <c>AddResource</c>.</summary>
    public ResourceBuilder<T> AddResource<T>(T resource) where T : Resource => Add(resource);

    ResourceBuilder<T> Add<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists.", nameof(resource));
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }
}
