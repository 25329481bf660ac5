namespace PatchDb.AppHost.Hosting;

/// <summary>One console line of a resource; <see cref="Seq"/> lets the dashboard ask for what came after.</summary>
public sealed record LogLine(long Seq, DateTimeOffset Time, bool IsError, string Text);
