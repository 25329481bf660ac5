using PatchDb.AppHost.Backing;

namespace Aspire.Hosting;

public static class BackingServicesExtensions
{
    /// <summary>
    /// PostgreSQL server <c>postgres</c> with database <c>patchdb</c> and Redis <c>cache</c>, from the backing that
    /// <see cref="BackingChoice"/> picks; the console says which and why. The only place that knows the backings.
    /// </summary>
    public static BackingServices AddBackingServices(this IDistributedApplicationBuilder builder)
    {
        var choice = BackingChoice.For(builder);
        Console.WriteLine($"backing: {choice.Mode.ToString().ToLowerInvariant()} ({choice.Reason})");
        return choice.Mode switch
        {
            BackingMode.Local => AddLocal(builder),
            BackingMode.Containers => AddContainers(builder),
            _ => AddAzure(builder),
        };
    }

    static BackingServices AddLocal(IDistributedApplicationBuilder builder)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The local backing runs Debian's postgres and redis-server: use PatchDb:Backing=containers here.");
        }
        var dataDirectory = builder.GetDataDirectory();
        var database = builder.AddLocalPostgres("postgres", dataDirectory).AddDatabase("patchdb");
        var cache = builder.AddLocalRedis("cache", dataDirectory);
        return new(BackingMode.Local, database, cache, Blobs: null);
    }

    static BackingServices AddContainers(IDistributedApplicationBuilder builder)
    {
        var database = builder.AddPostgres("postgres").WithDataVolume().AddDatabase("patchdb");
        var cache = builder.AddRedis("cache").WithDataVolume();
        return new(BackingMode.Containers, database, cache, Blobs: null);
    }

    /// <summary>Aspire's existing-resource pattern: the operator gives each connection string (azd asks at deploy).</summary>
    static BackingServices AddAzure(IDistributedApplicationBuilder builder) =>
        new(BackingMode.Azure, builder.AddConnectionString("patchdb"), builder.AddConnectionString("cache"), builder.AddConnectionString("blobs"));

    /// <summary>Where the Api keeps image blobs: the storage account with Azure, else <c>{data}/blobs</c> when run locally.</summary>
    public static IResourceBuilder<ProjectResource> WithBlobStorage(this IResourceBuilder<ProjectResource> project, BackingServices backing)
    {
        if (backing.Blobs is { } blobs)
        {
            // The image's app folder is read-only for its non-root user; uploads are staged in /tmp before upload.
            return project.WithEnvironment("Storage__Provider", "AzureBlob")
                .WithEnvironment("Storage__AzureBlob__ConnectionString", blobs)
                .WithEnvironment("Storage__RootPath", "/tmp/patchdb-staging");
        }
        // Containers published without a storage account keep blobs on the container's own disk: not durable, and
        // not shared between replicas (docs/deploy.md says so); /tmp is the folder the non-root user can write.
        return project.WithEnvironment("Storage__RootPath", project.ApplicationBuilder.ExecutionContext.IsRunMode
            ? Path.Combine(project.ApplicationBuilder.GetDataDirectory(), "blobs")
            : "/tmp/patchdb-blobs");
    }
}
