using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using PatchDb.AppHost.Dashboard;
using PatchDb.AppHost.Otlp;

namespace PatchDb.AppHost.Hosting;

/// <summary>Runs the declared resources and the dashboard; Ctrl+C or SIGTERM stops everything in reverse order.</summary>
public sealed class DistributedApplication(AppHostOptions options, IReadOnlyList<Resource> resources)
{
    readonly List<ResourceRunner> _runners = [];
    readonly Stopwatch _clock = new();
    DashboardServer? _dashboard;
    FileStream? _lock;
    int _announcedAllHealthy;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) => new(AppHostOptions.FromArgs(args));

    public AppHostOptions Options => options;
    public IReadOnlyList<Resource> Resources => resources;
    public TelemetryStore Telemetry { get; } = new();
    public string DashboardToken { get; } = options.DashboardToken ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    public string DashboardLoginUrl => $"http://localhost:{options.DashboardPort}/login?t={DashboardToken}";
    public TimeSpan? TimeToAllHealthy { get; private set; }

    public void Run() => System.Environment.ExitCode = RunAsync().GetAwaiter().GetResult();

    public async Task<int> RunAsync()
    {
        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first Ctrl+C stops gracefully; a second one terminates at once (the children then get their
        // parent-death signal).
        void OnSignal(PosixSignalContext context) => context.Cancel = shutdown.TrySetResult();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal); // the terminal went away
        try
        {
            await StartAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is MissingDependencyException or InvalidOperationException or IOException)
        {
            // One clear line instead of a stack trace: a missing program, a busy port, a failed initdb.
            await Console.Error.WriteLineAsync($"PatchDb.AppHost: {ex.Message}");
            await StopAsync();
            return 1;
        }
        if (options.ExitWhenHealthy)
        {
            await Task.WhenAny(shutdown.Task, WaitForAllHealthyAsync(CancellationToken.None));
        }
        else
        {
            await shutdown.Task;
        }
        var healthy = resources.All(r => r.Health == ResourceHealth.Healthy);
        Console.WriteLine("Stopping...");
        await StopAsync();
        Console.WriteLine("Stopped.");
        return options.ExitWhenHealthy && !healthy ? 1 : 0;
    }

    public async Task StartAsync(CancellationToken ct)
    {
        _clock.Start();
        Directory.CreateDirectory(options.DataDir);
        // Postgres runs as another user and must be able to reach its folder inside this one.
        File.SetUnixFileMode(options.DataDir, (UnixFileMode)0b111_101_101);
        _lock = LockDataDir();
        var registry = new ProcessRegistry(options.DataDir);
        if (registry.KillLeftovers() is > 0 and var killed)
        {
            Console.WriteLine($"Killed {killed} process(es) left over by a previous run.");
        }

        _dashboard = new DashboardServer(this);
        await _dashboard.StartAsync(ct);
        Console.WriteLine($"Dashboard: {DashboardLoginUrl}");

        foreach (var resource in resources)
        {
            await resource.PrepareAsync(options, ct);
        }
        foreach (var resource in resources)
        {
            var runner = new ResourceRunner(resource, registry, OnHealthy,
                (r, message) => Console.WriteLine($"{r.Name,-10} {message} (console log on the dashboard)"));
            _runners.Add(runner);
            runner.Start();
        }
    }

    /// <summary>One AppHost per data folder: a second one would take the first one's children for leftovers.</summary>
    FileStream LockDataDir()
    {
        try
        {
            // FileShare.None takes an exclusive flock on Unix; the kernel drops it when this process dies.
            return new FileStream(Path.Combine(options.DataDir, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException($"Another AppHost is already running on {options.DataDir}; stop it first or set PATCHDB_DATA_DIR.");
        }
    }

    void OnHealthy(Resource resource, bool first)
    {
        var where = resource is ProjectResource p ? p.HttpUrl : string.Join(", ", resource.Endpoints);
        Console.WriteLine(first ? $"{resource.Name,-10} ready     {where}" : $"{resource.Name,-10} recovered after restart #{resource.Restarts}");
        if (resources.All(r => r.Health == ResourceHealth.Healthy) && Interlocked.Exchange(ref _announcedAllHealthy, 1) == 0)
        {
            TimeToAllHealthy = _clock.Elapsed;
            Console.WriteLine($"All {resources.Count} resources healthy after {_clock.Elapsed.TotalSeconds:0.0} s.");
        }
    }

    public async Task WaitForAllHealthyAsync(CancellationToken ct)
    {
        while (resources.Any(r => r.Health != ResourceHealth.Healthy))
        {
            if (resources.FirstOrDefault(r => r.State == ResourceState.Failed) is { } failed)
            {
                throw new InvalidOperationException($"{failed.Name} failed: {failed.Error}");
            }
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Stops the resources in reverse declaration order (dependents before their dependencies).</summary>
    public async Task StopAsync()
    {
        for (var i = _runners.Count - 1; i >= 0; i--)
        {
            await _runners[i].StopAsync(options.StopTimeout);
        }
        _runners.Clear();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
            _dashboard = null;
        }
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
            _lock = null;
        }
    }
}
