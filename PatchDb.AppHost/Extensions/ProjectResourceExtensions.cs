namespace Aspire.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>
    /// What a PatchDb service needs when run locally: an HTTP endpoint (the services have no launch profiles), the
    /// AppHost's environment name, and the native library folder that eng/install.sh fills.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLocalRunSettings(this IResourceBuilder<ProjectResource> project, int? port = null)
    {
        project.WithHttpEndpoint(port: port);
        var builder = project.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return project;
        }
        var nativeDirectory = Environment.GetEnvironmentVariable("PATCHDB_NATIVE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.GetRepositoryRoot(), ".patchdb", "native");
        return project
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("PATCHDB_NATIVE_DIR", nativeDirectory);
    }
}
