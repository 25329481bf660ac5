namespace PatchDb.AppHost.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>A database created in the server when it first becomes healthy; reference it for a connection string.</summary>
    public static ResourceBuilder<PostgresDatabaseResource> AddDatabase(this ResourceBuilder<PostgresServerResource> server, string name)
    {
        server.Resource.Databases.Add(name);
        return new ResourceBuilder<PostgresDatabaseResource>(server.Application, new PostgresDatabaseResource(server.Resource, name));
    }
}
