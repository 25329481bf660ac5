namespace PatchDb.AppHost.Hosting;

/// <summary>A database inside a <see cref="PostgresServerResource"/>; created when the server first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(PostgresServerResource server, string databaseName) : IResourceWithConnectionString
{
    public string ConnectionName => databaseName;
    public Resource Owner => server;
    public string GetConnectionString() => server.ConnectionString(databaseName);
}
