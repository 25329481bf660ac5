namespace PatchDb.Tests.Drills.Harness;

/// <summary>
/// The frame of every drill: collectors start uploading, the fault begins once a quarter of the photos are answered,
/// is held and ended while they keep going (retrying under their Idempotency-Keys), then the invariants are checked.
/// </summary>
public static class DrillRunner
{
    public static async Task<DrillResult> RunAsync(string name, DrillStack stack, IReadOnlyList<DrillPhoto>[] plans, Uri healthOf,
        Fault fault, Func<int, int, int>? replicaOf = null, Func<DrillContext, Task>? checks = null)
    {
        var result = new DrillResult(name, fault.Description);
        var apis = stack.Apis.Select(a => a.Url).ToList();
        var clients = await Task.WhenAll(Enumerable.Range(0, plans.Length).Select(i => DrillClient.CreateAsync(i, apis)));
        try
        {
            await using var health = new HealthWatch(healthOf);
            var load = UploadLoad.Start(clients, plans, TimeSpan.FromMinutes(5), replicaOf);
            await load.WaitForAcksAsync(Math.Max(1, plans.Sum(p => p.Count) / 4), TimeSpan.FromMinutes(3));
            var faultStart = DateTimeOffset.UtcNow;
            await fault.BeginAsync();
            await Task.Delay(fault.Hold);
            await fault.EndAsync();
            var faultEnd = DateTimeOffset.UtcNow;
            result.FaultDuration = faultEnd - faultStart;
            await load.Completion;

            await InvariantChecker.CheckAsync(stack, clients, load, faultEnd, result);
            await health.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            result.HealthDuringFault = health.NotHealthyBetween(faultStart, faultEnd + TimeSpan.FromSeconds(1));
            result.HealthyAfter = health.FirstHealthyAfter(faultEnd) - faultEnd;
            if (health.Samples.Count == 0 || health.Samples[^1].State != "Healthy")
            {
                result.Violation($"{healthOf} /health is {(health.Samples.Count == 0 ? "unknown" : health.Samples[^1].State)} after the fault");
            }
            if (checks is not null)
            {
                await checks(new DrillContext(stack, clients, load, faultStart, faultEnd, health, result));
            }
            return result;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
