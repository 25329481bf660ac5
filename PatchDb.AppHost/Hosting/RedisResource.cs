using System.Net.Sockets;
using System.Text;

namespace PatchDb.AppHost.Hosting;

/// <summary>redis-server with append-only persistence in <c>{data}/redis</c>, on 127.0.0.1.</summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString
{
    string _exe = "";
    string _dir = "";

    public override string Kind => "redis";
    public int Port { get; private set; }
    public string ConnectionName => Name;
    public Resource Owner => this;
    public override IReadOnlyList<string> Endpoints => [$"tcp://127.0.0.1:{Port}"];
    public string GetConnectionString() => $"127.0.0.1:{Port}";

    public override Task PrepareAsync(AppHostOptions options, CancellationToken ct)
    {
        _exe = Binaries.Find("redis-server");
        _dir = Directory.CreateDirectory(Path.Combine(options.DataDir, "redis")).FullName;
        Port = Ports.Persisted(Path.Combine(options.DataDir, "redis.port"), null);
        return Task.CompletedTask;
    }

    public override ProcessSpec CreateProcessSpec() =>
        new(_exe, ["--port", $"{Port}", "--bind", "127.0.0.1", "--dir", _dir, "--appendonly", "yes", "--save", "",
                   "--daemonize", "no", "--protected-mode", "no"]);

    /// <summary>RESP <c>PING</c>; a server still loading its AOF answers <c>-LOADING</c> and is not ready yet.</summary>
    public override async Task<bool> CheckHealthAsync(CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, ct);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), ct);
            var buffer = new byte[64];
            var n = await stream.ReadAsync(buffer, ct);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
