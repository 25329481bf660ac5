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

    private static readonly HashSet<int> s_handedOut = [];
    private static readonly Lazy<int> s_ephemeralLow = new(EphemeralRangeStart);

    /// <summary>
    /// A port free now, never handed out before in this run, and below the kernel's ephemeral range: a port taken
    /// from that range (bind to 0) is soon reused by some other socket's bind to 0 or by an outgoing connection,
    /// and the server meant to listen on it then fails with "address already in use".
    /// </summary>
    public static int Next()
    {
        var low = Math.Max(1024, s_ephemeralLow.Value - 20000);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(low, s_ephemeralLow.Value);
            lock (s_handedOut)
            {
                if (!s_handedOut.Add(port))
                {
                    continue;
                }
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use by someone else: try another.
            }
        }

        throw new InvalidOperationException("No free loopback port below the ephemeral range.");
    }

    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            ? start
            : 32768;
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
