namespace PatchDb.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, without persistence.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private WatchedProcess? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.StartAsync();
        return server;
    }

    /// <summary>A key prefix no other test uses.</summary>
    public string NewKeyPrefix() => $"t{Guid.NewGuid():N}:";

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        string[] args = ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"];
        _process = WatchedProcess.Start(Tools.Find("redis-server"), args, runAsUser: null, useSigInt: false);
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(15), () => _process.HasExited, "redis-server");
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
