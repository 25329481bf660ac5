namespace PatchDb.Tests.Drills;

/// <summary>Fault drills start whole back ends as processes, kill them and load them with uploads: one at a time and
/// apart from the parallel tests, which would otherwise slow each other past the drills' deadlines.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillCollection
{
    public const string Name = "Drills";
}
