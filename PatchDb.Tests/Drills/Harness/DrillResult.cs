namespace PatchDb.Tests.Drills.Harness;

/// <summary>What one drill saw: the figures of docs/reliability.md and every broken invariant.</summary>
public sealed class DrillResult(string name, string fault)
{
    public string Name => name;

    public string Fault => fault;

    public int Uploads { get; set; }

    public int Acknowledged { get; set; }

    /// <summary>Answered 201 but not listed, or its bytes not served.</summary>
    public int Lost { get; set; }

    /// <summary>Images beyond one per photo a client uploaded (a retry stored twice).</summary>
    public int Duplicated { get; set; }

    /// <summary>Acknowledged as "pending" (the Api answered without the analysis).</summary>
    public int AcknowledgedPending { get; set; }

    /// <summary>Failed attempts by kind ("503 problem", "no answer", ...).</summary>
    public SortedDictionary<string, int> FailedAttempts { get; } = new(StringComparer.Ordinal);

    /// <summary>From the end of the fault to the first upload answered 201 that was sent after it.</summary>
    public TimeSpan? UploadsBackAfter { get; set; }

    /// <summary>From the end of the fault until every acknowledged upload was analysed and nothing was pending.</summary>
    public TimeSpan? AllAnalysedAfter { get; set; }

    /// <summary>The faulted service's /health states during the fault.</summary>
    public string HealthDuringFault { get; set; } = "";

    public TimeSpan? HealthyAfter { get; set; }

    public TimeSpan FaultDuration { get; set; }

    public List<string> Violations { get; } = [];

    public List<string> Notes { get; } = [];

    public void Violation(string message)
    {
        lock (Violations)
        {
            Violations.Add(message);
        }
    }
}
