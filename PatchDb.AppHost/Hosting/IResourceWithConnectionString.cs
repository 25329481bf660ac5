namespace PatchDb.AppHost.Hosting;

/// <summary>A resource referenced as <c>ConnectionStrings__{ConnectionName}</c>.</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }
    Resource Owner { get; }
    string GetConnectionString();
}
