using System.Diagnostics;

namespace PatchDb.AppHost.Hosting;

/// <summary>
/// Supervises one resource: waits for its dependencies to be healthy, starts it, probes its health, restarts it
/// with exponential backoff when it exits, and stops it gracefully (then kills its process group).
/// </summary>
public sealed class ResourceRunner(Resource resource, ProcessRegistry registry, Action<Resource, bool> onHealthy, Action<Resource, string> onEvent)
{
    static readonly TimeSpan StableUptime = TimeSpan.FromSeconds(60);
    readonly CancellationTokenSource _stopping = new();
    Task _loop = Task.CompletedTask;

    public Resource Resource => resource;

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    async Task RunAsync(CancellationToken ct)
    {
        try
        {
            foreach (var dependency in resource.WaitsFor)
            {
                while (dependency.Health != ResourceHealth.Healthy)
                {
                    await Task.Delay(200, ct);
                }
            }
            var failures = 0;
            var everHealthy = false;
            while (!ct.IsCancellationRequested)
            {
                resource.State = ResourceState.Starting;
                resource.Health = ResourceHealth.Unknown;
                var spec = resource.CreateProcessSpec();
                using var process = await ProcessLauncher.StartAsync(spec, resource.Log);
                resource.Pid = process.Id;
                resource.StartedAt = DateTimeOffset.UtcNow;
                registry.Add(process.Id);
                // A stop (even one requested while this process was being started) asks it to exit gracefully.
                using var stop = ct.Register(() => NativeMethods.Kill(process.Id, spec.StopSignal));

                using var running = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var monitor = MonitorAsync(process, !everHealthy, running.Token);
                await process.WaitForExitAsync(CancellationToken.None);
                await running.CancelAsync();
                everHealthy |= await monitor;
                registry.Remove(process.Id);
                NativeMethods.Kill(-process.Id, NativeMethods.SIGKILL); // whatever the leader left behind in its group
                resource.ExitCode = process.ExitCode;
                resource.Pid = null;
                resource.Health = ResourceHealth.Unhealthy;
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                failures = DateTimeOffset.UtcNow - resource.StartedAt > StableUptime ? 1 : failures + 1;
                resource.Restarts++;
                resource.State = ResourceState.Restarting;
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures - 1)));
                var message = $"exited with code {process.ExitCode}; restart #{resource.Restarts} in {delay.TotalSeconds:0} s";
                resource.Log.Add($"[apphost] {message}", isError: true);
                onEvent(resource, message);
                await Task.Delay(delay, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            resource.State = ResourceState.Failed;
            resource.Error = ex.Message;
            resource.Log.Add($"[apphost] {ex.Message}", isError: true);
            onEvent(resource, $"failed: {ex.Message}");
            return;
        }
        resource.State = ResourceState.Stopped;
    }

    /// <summary>Probes until the process exits; returns whether it was ever healthy.</summary>
    async Task<bool> MonitorAsync(Process process, bool firstRun, CancellationToken ct)
    {
        var healthy = false;
        try
        {
            while (!ct.IsCancellationRequested && !process.HasExited)
            {
                bool ok;
                try
                {
                    ok = await resource.CheckHealthAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ok = false;
                }
                if (ct.IsCancellationRequested || process.HasExited)
                {
                    break;
                }
                if (ok)
                {
                    resource.State = ResourceState.Running;
                    resource.Health = ResourceHealth.Healthy;
                    if (!healthy)
                    {
                        onHealthy(resource, firstRun);
                        healthy = true;
                    }
                }
                else if (healthy)
                {
                    resource.Health = ResourceHealth.Unhealthy;
                }
                await Task.Delay(ok ? 3000 : 250, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        return healthy;
    }

    /// <summary>Graceful signal, then SIGKILL to the whole process group after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        resource.State = ResourceState.Stopping;
        await _stopping.CancelAsync(); // sends the graceful signal (see the registration in RunAsync)
        try
        {
            await _loop.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            resource.Log.Add($"[apphost] still running after {timeout.TotalSeconds:0} s; killing", isError: true);
            if (resource.Pid is { } pid)
            {
                NativeMethods.Kill(-pid, NativeMethods.SIGKILL);
                NativeMethods.Kill(pid, NativeMethods.SIGKILL);
            }
            await _loop;
        }
        resource.State = ResourceState.Stopped;
        resource.Health = ResourceHealth.Unknown;
    }
}
