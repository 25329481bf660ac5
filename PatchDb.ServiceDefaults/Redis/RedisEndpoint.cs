namespace PatchDb.ServiceDefaults.Redis;

/// <summary>The parts of a Redis connection string we understand: "host:port[,password=...][,...]" (StackExchange shape).</summary>
public sealed record RedisEndpoint(string Host, int Port, string? Password)
{
    public static RedisEndpoint Parse(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("The Redis connection string is empty.");
        }

        var hostPort = parts[0];
        var colon = hostPort.LastIndexOf(':');
        var host = colon > 0 ? hostPort[..colon] : hostPort;
        var port = colon > 0 && int.TryParse(hostPort[(colon + 1)..], out var p) ? p : 6379;
        string? password = null;
        foreach (var part in parts.Skip(1))
        {
            var eq = part.IndexOf('=');
            if (eq > 0 && part[..eq].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                password = part[(eq + 1)..];
            }
        }

        return new RedisEndpoint(host, port, password);
    }
}
