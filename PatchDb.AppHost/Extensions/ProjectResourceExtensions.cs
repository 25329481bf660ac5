namespace Aspire.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>
    /// What a PatchDb service needs when run locally (nothing when published): the AppHost's environment name, since
    /// the services have no launch profiles of their own.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLocalRunSettings(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        return builder.ExecutionContext.IsRunMode
            ? project.WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            : project;
    }
}
