namespace PatchDb.AppHost.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>Marks the project as the entry point for people: a fixed, predictable port (the web port setting).</summary>
    public static ResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this ResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.IsExternal = true;
        builder.Resource.FixedPort ??= builder.Application.Options.WebPort;
        return builder;
    }

    public static ResourceBuilder<ProjectResource> WithHttpPort(this ResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.FixedPort = port;
        return builder;
    }
}
