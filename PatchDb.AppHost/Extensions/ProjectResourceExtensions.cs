namespace Aspire.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>
    /// What a PatchDb service needs when run locally (nothing when published): the AppHost's environment name (the
    /// services have no launch profiles) and the native library folder that eng/install.sh fills.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLocalRunSettings(this IResourceBuilder<ProjectResource> project)
    {
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
