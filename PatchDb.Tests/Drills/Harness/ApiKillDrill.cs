using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>Drill 1: the Api is killed (SIGKILL) in the middle of the uploads and started again by the drill.</summary>
public static class ApiKillDrill
{
    public const string Name = "Api kill -9";

    public static async Task<DrillResult> RunAsync(DrillSize size, PostgresServer? postgres = null)
    {
        await using var stack = await DrillStack.StartAsync(new DrillStackOptions { SharedPostgres = postgres });
        var api = stack.Apis[0];
        var fault = new Fault("SIGKILL of the Api mid-upload; started again 2 s later", api.KillAsync, TimeSpan.FromSeconds(2), api.StartAsync);
        return await DrillRunner.RunAsync(Name, stack, DrillPhotos.Distinct(size.Clients, size.PhotosPerClient), api.Url, fault,
            checks: drill =>
            {
                Expect.NotHealthyDuringFault(drill);
                Expect.OnlyProblems(drill, 503);
                return Task.CompletedTask;
            });
    }
}
