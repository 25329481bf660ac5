namespace PatchDb.AppHost.LocalServers;

/// <summary>The machine's own PostgreSQL server, run by DCP as an executable on a cluster in the data folder.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string Superuser = "postgres";
    internal const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ParameterResource Password => password;

    // IPv4 on purpose: "localhost" makes Npgsql try ::1 first, where nothing listens.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={Superuser};Password={Password}");
}
