using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>Drill 5: the blob store's disk fills up during the uploads: they fail with 507 (or 503) problem+json, no
/// half-written blob is ever served, no row points at a missing blob.</summary>
public static class DiskFullDrill
{
    public const string Name = "Blob disk full";

    /// <returns>Null with the reason when no small disk can be mounted here.</returns>
    public static async Task<(DrillResult? Result, string? Skipped)> RunAsync(DrillSize size, PostgresServer? postgres = null)
    {
        var (disk, reason) = await BlobDisk.TryMountAsync(64);
        if (disk is null)
        {
            return (null, reason);
        }
        await using (disk)
        {
            await using var stack = await DrillStack.StartAsync(new DrillStackOptions
            {
                SharedPostgres = postgres,
                BlobRoot = disk.Path,
                // The health check reports the disk unhealthy below this free space.
                Api = { ["Storage__MinFreeBytes"] = "1048576" },
            });
            var fault = new Fault("the blob store's 64 MiB tmpfs filled up; freed 8 s later", disk.FillAsync, TimeSpan.FromSeconds(8), disk.FreeAsync);
            var result = await DrillRunner.RunAsync(Name, stack, DrillPhotos.Distinct(size.Clients, size.PhotosPerClient), stack.Apis[0].Url, fault,
                checks: drill =>
                {
                    Expect.NotHealthyDuringFault(drill);
                    Expect.OnlyProblems(drill, 507, 503);
                    Expect.SomeRefusedWith(drill, 507, 503);
                    return Task.CompletedTask;
                });
            return (result, null);
        }
    }
}
