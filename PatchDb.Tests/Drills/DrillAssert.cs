using PatchDb.Tests.Drills.Harness;

namespace PatchDb.Tests.Drills;

internal static class DrillAssert
{
    /// <summary>Nothing acknowledged lost, nothing duplicated, every invariant held; the message is the whole report.</summary>
    public static void Held(DrillResult result)
    {
        var report = DrillReport.Describe(result);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Assert.True(result.Acknowledged > 0, report);
        Assert.True(result.Violations.Count == 0, report);
        Assert.True(result.Lost == 0, report);
        Assert.True(result.Duplicated == 0, report);
        Assert.True(result.Acknowledged == result.Uploads, report);
    }
}
