using System.Text;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>One of our services as its real executable on a fixed loopback port: started, killed (SIGKILL) and started
/// again on the same port and settings, as a supervisor would.</summary>
public sealed class ServiceNode(string project, Dictionary<string, string> environment) : IAsyncDisposable
{
    private readonly StringBuilder _earlierOutput = new();
    private WatchedProcess? _process;

    public int Port { get; } = FreePort.Next();

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public Dictionary<string, string> Environment => environment;

    /// <summary>The console of every run so far.</summary>
    public string Output => _earlierOutput + (_process?.Output ?? "");

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }
        _process = await ServiceProcess.StartAsync(project, Port, environment);
    }

    public Task KillAsync() => EndAsync(kill: true);

    public Task StopAsync() => EndAsync(kill: false);

    /// <summary>Waits until /health answers Healthy (the service is ready, not just listening).</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "Healthy")
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }
            if (DateTime.UtcNow > deadline || _process is null or { HasExited: true })
            {
                throw new TimeoutException($"{project} on port {Port} was not healthy within {timeout}.\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    private async Task EndAsync(bool kill)
    {
        if (_process is null)
        {
            return;
        }
        if (kill)
        {
            await _process.KillAsync();
        }
        await _process.DisposeAsync();
        _earlierOutput.Append(_process.Output);
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
