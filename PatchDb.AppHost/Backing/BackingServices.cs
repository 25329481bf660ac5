namespace PatchDb.AppHost.Backing;

/// <summary>What the services connect to: the Api's database, the shared cache and, with Azure, blob storage.</summary>
public sealed record BackingServices(
    BackingMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithConnectionString>? Blobs);
