using PatchDb.Embedder;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>The real Embedder (model classic-v1) on a real port; stoppable and restartable on the same port.</summary>
public sealed class EmbedderTestHost(TestInfrastructure infra) : IAsyncDisposable
{
    private readonly int _port = FreePort.Next();
    private readonly string _cachePrefix = infra.Redis.NewKeyPrefix();
    private ServiceHost<EmbedderOptions>? _host;

    public string Url => $"http://127.0.0.1:{_port}";

    public static EmbedderTestHost Start(TestInfrastructure infra)
    {
        var host = new EmbedderTestHost(infra);
        host.Start();
        return host;
    }

    /// <param name="settings">Extra settings, e.g. another model.</param>
    public void Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Embedder:Model"] = EmbedderOptions.ClassicModelId,
            ["Embedder:CacheKeyPrefix"] = _cachePrefix,
            ["ConnectionStrings:cache"] = infra.Redis.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        _host = new ServiceHost<EmbedderOptions>(all, port: _port);
        _host.Start();
    }

    public async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
