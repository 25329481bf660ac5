using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

public sealed record DrillStackOptions
{
    /// <summary>Api replicas sharing the database, blob folder and Redis.</summary>
    public int ApiReplicas { get; init; } = 1;

    /// <summary>A running Postgres to create the drill's database in; null starts one for the drill alone.</summary>
    public PostgresServer? SharedPostgres { get; init; }

    /// <summary>The blob folder (e.g. a small tmpfs); null for a fresh temporary folder.</summary>
    public string? BlobRoot { get; init; }

    /// <summary>Api settings over the drill defaults (environment form, e.g. <c>Recognition__AnalyzeTimeout</c>).</summary>
    public Dictionary<string, string> Api { get; init; } = [];

    public Dictionary<string, string> Embedder { get; init; } = [];

    public string EmbedderEnvironment { get; init; } = "Production";

    /// <summary>The sweep leaves unreferenced blobs younger than this alone (production: an hour).</summary>
    public TimeSpan SweepGrace { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);
}
