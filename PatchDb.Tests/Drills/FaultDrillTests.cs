using PatchDb.Tests.Drills.Harness;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills;

/// <summary>The six fault drills at test size (<see cref="DrillSize.Test"/>); <c>bench/PatchDb.Drills</c> runs the longer
/// versions and prints the table of docs/reliability.md.</summary>
[Collection(DrillCollection.Name)]
public sealed class FaultDrillTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Api_killed_mid_upload_loses_and_duplicates_nothing() =>
        DrillAssert.Held(await ApiKillDrill.RunAsync(DrillSize.Test, infra.Postgres));

    [Fact]
    public async Task Embedder_killed_uploads_wait_pending_and_complete_when_it_is_back() =>
        DrillAssert.Held(await EmbedderKillDrill.RunAsync(DrillSize.Test, infra.Postgres));

    [Fact]
    public async Task Postgres_stopped_uploads_fail_503_and_the_api_recovers_by_itself() =>
        DrillAssert.Held(await PostgresStopDrill.RunAsync(DrillSize.Test));

    [Fact]
    public async Task Redis_stopped_uploads_succeed_matches_stay_correct_and_replicas_converge() =>
        DrillAssert.Held(await RedisStopDrill.RunAsync(DrillSize.Test, infra.Postgres));

    [Fact]
    public async Task Blob_disk_full_uploads_fail_507_and_no_blob_is_half_written_or_missing()
    {
        var (result, skipped) = await DiskFullDrill.RunAsync(DrillSize.Test, infra.Postgres);
        Assert.SkipWhen(result is null, skipped ?? "");
        DrillAssert.Held(result!);
    }

    [Fact]
    public async Task Slow_embedder_uploads_answer_pending_in_time_and_each_is_analysed_once() =>
        // Fewer photos: the outbox completes them one after another, each taking the whole delay.
        DrillAssert.Held(await SlowEmbedderDrill.RunAsync(DrillSize.Test with { PhotosPerClient = 2 }, infra.Postgres));
}
