namespace PatchDb.AppHost.Backing;

/// <summary>Where PostgreSQL and Redis come from (setting <c>PatchDb:Backing</c>).</summary>
public enum BackingMode
{
    /// <summary>The machine's own postgres and redis-server as DCP executables (run mode only).</summary>
    Local,

    /// <summary>Aspire's Postgres and Redis containers with data volumes.</summary>
    Containers,

    /// <summary>Existing managed services (Azure Database for PostgreSQL, Azure Cache for Redis, a storage account)
    /// reached by connection strings the operator gives: the default in publish mode.</summary>
    Azure,
}
