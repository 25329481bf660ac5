namespace PatchDb.Tests.Drills.Harness;

/// <summary>Drill-specific expectations, added to the result's violations.</summary>
public static class Expect
{
    /// <summary>The faulted service's /health said so while the fault lasted.</summary>
    public static void NotHealthyDuringFault(DrillContext drill)
    {
        if (drill.Result.HealthDuringFault.Length == 0)
        {
            drill.Result.Violation("/health stayed Healthy throughout the fault");
        }
    }

    /// <summary>Every failed answer is problem+json with one of these statuses (409 and 429 are always allowed:
    /// a retry in flight, the rate limit), never a 500 or a hang.</summary>
    public static void OnlyProblems(DrillContext drill, params int[] allowed)
    {
        foreach (var attempt in drill.Load.Records.SelectMany(r => r.Attempts).Where(a => a.Status >= 400 || a.Status == -1))
        {
            if (attempt.Status == -1 || !attempt.IsProblem || (!allowed.Contains(attempt.Status) && attempt.Status is not (409 or 429)))
            {
                drill.Result.Violation($"an upload failed with {attempt.Kind} after {attempt.Elapsed.TotalSeconds:F1} s: {attempt.Detail}");
            }
        }
    }

    /// <summary>At least one upload was refused with one of these statuses as problem+json (the fault was seen).</summary>
    public static void SomeRefusedWith(DrillContext drill, params int[] statuses)
    {
        if (!drill.Load.Records.SelectMany(r => r.Attempts).Any(a => a.IsProblem && statuses.Contains(a.Status)))
        {
            drill.Result.Violation($"no upload was answered {string.Join(" or ", statuses)} problem+json during the fault");
        }
    }
}
