namespace PatchDb.Tests.Drills.Harness;

/// <summary>Drill 3: Postgres stops (fast shutdown) for 10 s during the uploads: they fail with 503 problem+json, the
/// Api recovers by itself, nothing acknowledged is lost.</summary>
public static class PostgresStopDrill
{
    public const string Name = "Postgres stopped 10 s";

    public static async Task<DrillResult> RunAsync(DrillSize size)
    {
        // Its own server: stopping a shared one would fail every other test's database.
        await using var stack = await DrillStack.StartAsync(new DrillStackOptions());
        var fault = new Fault("Postgres fast shutdown (SIGINT), started again 10 s later", stack.Postgres.StopAsync, TimeSpan.FromSeconds(10),
            stack.Postgres.StartAsync);
        return await DrillRunner.RunAsync(Name, stack, DrillPhotos.Distinct(size.Clients, size.PhotosPerClient), stack.Apis[0].Url, fault,
            checks: drill =>
            {
                Expect.NotHealthyDuringFault(drill);
                Expect.OnlyProblems(drill, 503);
                Expect.SomeRefusedWith(drill, 503);
                return Task.CompletedTask;
            });
    }
}
