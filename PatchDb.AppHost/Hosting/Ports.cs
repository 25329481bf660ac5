using System.Net;
using System.Net.Sockets;

namespace PatchDb.AppHost.Hosting;

public static class Ports
{
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port kept in a state file so connection strings stay stable across runs.</summary>
    public static int Persisted(string stateFile, int? configured)
    {
        if (configured is { } fixedPort)
        {
            return fixedPort;
        }
        if (File.Exists(stateFile) && int.TryParse(File.ReadAllText(stateFile), out var saved) && IsFree(saved))
        {
            return saved;
        }
        var port = GetFree();
        File.WriteAllText(stateFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }
}
