namespace PatchDb.Tests.Drills.Harness;

/// <summary>Everything a drill's own checks may look at once the common invariants were checked.</summary>
public sealed record DrillContext(DrillStack Stack, IReadOnlyList<DrillClient> Clients, UploadLoad Load, DateTimeOffset FaultStart,
    DateTimeOffset FaultEnd, HealthWatch Health, DrillResult Result);
