namespace PatchDb.AppHost.Hosting;

/// <summary>Fluent configuration of one resource, in the style of Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public sealed class ResourceBuilder<T>(DistributedApplicationBuilder application, T resource) where T : class
{
    public DistributedApplicationBuilder Application { get; } = application;
    public T Resource { get; } = resource;

    internal Resource Target => Resource as Resource ?? ((IResourceWithConnectionString)Resource).Owner;

    /// <summary>Passes the connection string (databases, caches) or base URL (projects) of another resource.</summary>
    public ResourceBuilder<T> WithReference<TOther>(ResourceBuilder<TOther> other) where TOther : class
    {
        switch (other.Resource)
        {
            case IResourceWithConnectionString cs:
                Target.Environment[$"ConnectionStrings__{cs.ConnectionName}"] = cs.GetConnectionString;
                break;
            case ProjectResource project:
                Target.Environment[$"services__{project.Name}__http__0"] = () => project.HttpUrl;
                break;
            default:
                throw new ArgumentException($"{other.Resource} cannot be referenced.", nameof(other));
        }
        return this;
    }

    /// <summary>Starts this resource only after <paramref name="other"/> is healthy.</summary>
    public ResourceBuilder<T> WaitFor<TOther>(ResourceBuilder<TOther> other) where TOther : class
    {
        Target.WaitsFor.Add(other.Target);
        return this;
    }

    public ResourceBuilder<T> WithEnvironment(string name, string value)
    {
        Target.Environment[name] = () => value;
        return this;
    }
}
