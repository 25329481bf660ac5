using System.Net;
using System.Net.Sockets;

namespace PatchDb.Tests.Infrastructure;

public static class FreePort
{
    // Bound for the whole run but never listening: connecting to it is refused, and no other test can take it.
    private static readonly Lazy<Socket> s_refusing = new(() =>
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    });

    /// <summary>A port where nothing will ever answer (for "service down" tests); a port that is merely free now
    /// may be taken by another test's server a moment later.</summary>
    public static int Refusing => ((IPEndPoint)s_refusing.Value.LocalEndPoint!).Port;

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool> hasExited, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (hasExited())
            {
                throw new InvalidOperationException($"{what} exited before it listened on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"{what} did not listen on port {port} within {timeout}.");
    }
}
