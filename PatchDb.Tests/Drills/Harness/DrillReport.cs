using System.Globalization;
using System.Text;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>A drill's result as text: one table row for docs/reliability.md, or the whole account for a failure.</summary>
public static class DrillReport
{
    public const string Header =
        "| drill | uploads acknowledged | lost | duplicated | failed attempts (retried) | uploads back after | all analysed after | /health during → healthy after |\n"
        + "|---|---|---|---|---|---|---|---|";

    public static string Row(DrillResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Acknowledged}/{r.Uploads} ({r.AcknowledgedPending} pending) | {r.Lost} | {r.Duplicated} | {Attempts(r)} | "
        + $"{Seconds(r.UploadsBackAfter, "not interrupted")} | {Seconds(r.AllAnalysedAfter, "never")} | "
        + $"{(r.HealthDuringFault.Length == 0 ? "Healthy" : r.HealthDuringFault)} → {Seconds(r.HealthyAfter, "never")} |");

    public static string Describe(DrillResult r)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Name}: {r.Fault} (held {r.FaultDuration.TotalSeconds:F1} s)");
        text.AppendLine(Header).AppendLine(Row(r));
        foreach (var note in r.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"{r.Violations.Count} violations");
        foreach (var violation in r.Violations.Take(40))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {violation}");
        }
        return text.ToString();
    }

    private static string Attempts(DrillResult r) =>
        r.FailedAttempts.Count == 0 ? "none" : string.Join(", ", r.FailedAttempts.Select(a => $"{a.Value}× {a.Key}"));

    private static string Seconds(TimeSpan? span, string none) =>
        span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalSeconds:F1} s") : none;
}
