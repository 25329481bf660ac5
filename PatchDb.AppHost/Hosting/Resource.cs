namespace PatchDb.AppHost.Hosting;

/// <summary>One thing the AppHost runs: a server or a project, with its live state for the dashboard.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;
    public abstract string Kind { get; }
    public ResourceLog Log { get; } = new();
    public List<Resource> WaitsFor { get; } = [];
    public Dictionary<string, Func<string>> Environment { get; } = [];

    public ResourceState State { get; internal set; } = ResourceState.Waiting;
    public ResourceHealth Health { get; internal set; } = ResourceHealth.Unknown;
    public int? Pid { get; internal set; }
    public int Restarts { get; internal set; }
    public DateTimeOffset? StartedAt { get; internal set; }
    public int? ExitCode { get; internal set; }
    public string? Error { get; internal set; }

    /// <summary>Links shown on the dashboard and printed when ready.</summary>
    public virtual IReadOnlyList<string> Endpoints => [];

    /// <summary>One-time setup before the first start: locate binaries, allocate ports, create data folders.</summary>
    public abstract Task PrepareAsync(AppHostOptions options, CancellationToken ct);

    public abstract ProcessSpec CreateProcessSpec();

    /// <summary>Readiness probe; the first success may also finish setup (e.g. create the database).</summary>
    public abstract Task<bool> CheckHealthAsync(CancellationToken ct);

    public override string ToString() => Name;
}
