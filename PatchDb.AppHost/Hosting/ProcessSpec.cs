namespace PatchDb.AppHost.Hosting;

/// <summary>How to launch one resource's process.</summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Run as this unprivileged user (uid, gid) instead of the AppHost's user.</summary>
    public (uint Uid, uint Gid)? User { get; init; }
    /// <summary>Signal for a graceful stop (Postgres: SIGINT = fast shutdown).</summary>
    public int StopSignal { get; init; } = NativeMethods.SIGTERM;
}
