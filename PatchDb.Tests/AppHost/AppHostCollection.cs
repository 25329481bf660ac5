namespace PatchDb.Tests.AppHost;

/// <summary>AppHost tests start a whole system each (DCP, dashboard, servers, services): one at a time on 2 cores, and
/// alone, after the other tests: run beside the rest of the suite, the services' telemetry sometimes never reached
/// the dashboard (twice in five CI runs), which the trace test then reported.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostCollection
{
    public const string Name = "AppHost";
}
