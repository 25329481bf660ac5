using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>Drill 2: the Embedder is killed (SIGKILL) during the uploads: they are accepted as "pending" meanwhile,
/// and the outbox completes every one once it is back.</summary>
public static class EmbedderKillDrill
{
    public const string Name = "Embedder kill -9";

    public static async Task<DrillResult> RunAsync(DrillSize size, PostgresServer? postgres = null)
    {
        await using var stack = await DrillStack.StartAsync(new DrillStackOptions { SharedPostgres = postgres });
        var embedder = stack.Embedder;
        var fault = new Fault("SIGKILL of the Embedder; started again 8 s later", embedder.KillAsync, TimeSpan.FromSeconds(8), embedder.StartAsync);
        return await DrillRunner.RunAsync(Name, stack, DrillPhotos.Distinct(size.Clients, size.PhotosPerClient), embedder.Url, fault,
            checks: drill =>
            {
                Expect.NotHealthyDuringFault(drill);
                Expect.OnlyProblems(drill);
                if (!drill.Load.Records.Any(r => r.AckedStatus == "pending" && r.AckedAt > drill.FaultStart && r.AckedAt < drill.FaultEnd))
                {
                    drill.Result.Violation("no upload was accepted as pending while the Embedder was down");
                }
                return Task.CompletedTask;
            });
    }
}
