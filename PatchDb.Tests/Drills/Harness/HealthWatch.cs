namespace PatchDb.Tests.Drills.Harness;

/// <summary>Polls a service's own /health throughout a drill, as a container platform's readiness probe would.</summary>
public sealed class HealthWatch : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTimeOffset At, string State)> _samples = [];
    private readonly Task _polling;

    public HealthWatch(Uri service)
    {
        _client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(5) };
        _polling = Task.Run(PollAsync);
    }

    /// <summary>"Healthy", "Degraded", "Unhealthy" (the body of /health) or "unreachable".</summary>
    public IReadOnlyList<(DateTimeOffset At, string State)> Samples
    {
        get { lock (_samples) { return [.. _samples]; } }
    }

    /// <summary>The states seen in a window other than Healthy (e.g. "unreachable, Unhealthy"); empty if none.</summary>
    public string NotHealthyBetween(DateTimeOffset from, DateTimeOffset to) =>
        string.Join(", ", Samples.Where(s => s.At >= from && s.At <= to && s.State != "Healthy").Select(s => s.State).Distinct());

    public DateTimeOffset? FirstHealthyAfter(DateTimeOffset at) =>
        Samples.Where(s => s.At >= at && s.State == "Healthy").Select(s => (DateTimeOffset?)s.At).FirstOrDefault();

    /// <summary>Waits until the latest sample is Healthy: a client library reconnects in its own time (StackExchange.Redis
    /// backs off between attempts), so "healthy after" is measured, not assumed at the instant the checks end.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline && Samples is not [.., (_, "Healthy")])
        {
            await Task.Delay(250);
        }
    }

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            string state;
            try
            {
                using var response = await _client.GetAsync("/health", _stop.Token);
                state = await response.Content.ReadAsStringAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                state = "unreachable";
            }
            lock (_samples)
            {
                _samples.Add((DateTimeOffset.UtcNow, state));
            }
            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _client.Dispose();
        _stop.Dispose();
    }
}
