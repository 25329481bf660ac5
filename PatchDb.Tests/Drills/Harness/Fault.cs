namespace PatchDb.Tests.Drills.Harness;

/// <summary>One injected fault: begun while uploads run, held, then ended (the service restarted, the server back).</summary>
public sealed record Fault(string Description, Func<Task> BeginAsync, TimeSpan Hold, Func<Task> EndAsync);
