namespace PatchDb.Tests.Drills.Harness;

/// <summary>One request of an upload. <paramref name="Status"/>: the HTTP status, 0 for no answer (connection
/// refused or reset), -1 for our own client timeout (a hang).</summary>
public sealed record UploadAttempt(DateTimeOffset Started, TimeSpan Elapsed, int Status, bool IsProblem, string? Detail)
{
    public string Kind => Status switch
    {
        0 => "no answer",
        -1 => "client timeout",
        _ => IsProblem ? $"{Status} problem" : $"{Status}",
    };
}
