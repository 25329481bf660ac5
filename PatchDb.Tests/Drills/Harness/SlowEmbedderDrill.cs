using System.Text.RegularExpressions;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>
/// Drill 6: every analysis is delayed past the Api's upload timeout (the Embedder's Development-only
/// <c>Embedder:TestingAnalysisDelay</c>): the Api answers "pending" within its deadline, the outbox completes every
/// analysis later, and the Embedder answers one analysis per image, not two.
/// </summary>
public static partial class SlowEmbedderDrill
{
    public const string Name = "Embedder slower than the Api's timeout";
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(5);

    public static async Task<DrillResult> RunAsync(DrillSize size, PostgresServer? postgres = null)
    {
        await using var stack = await DrillStack.StartAsync(new DrillStackOptions
        {
            SharedPostgres = postgres,
            EmbedderEnvironment = "Development",
            Embedder = { ["Embedder__TestingAnalysisDelay"] = "00:00:05" },
            Api = { ["Recognition__AnalyzeTimeout"] = "00:00:02" },
        });
        // The delay is there from the start: "the fault" spans the whole run (nothing to end; the Embedder stays up).
        var fault = new Fault($"every analysis delayed {Delay.TotalSeconds:F0} s, the Api waits 2 s", () => Task.CompletedTask, TimeSpan.Zero,
            () => Task.CompletedTask);
        return await DrillRunner.RunAsync(Name, stack, DrillPhotos.Distinct(size.Clients, size.PhotosPerClient), stack.Embedder.Url, fault,
            checks: async drill =>
            {
                Expect.OnlyProblems(drill);
                foreach (var late in drill.Load.Records.Where(r => r.AckedStatus == "analyzed"))
                {
                    drill.Result.Violation($"upload {late.AckedId} was answered analyzed although every analysis takes {Delay.TotalSeconds:F0} s");
                }
                await using var db = stack.OpenDatabase();
                await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM images", db);
                var images = (long)(await count.ExecuteScalarAsync())!;
                var answered = AnswerPattern().Count(stack.Embedder.Output);
                drill.Result.Notes.Add($"Embedder answered {answered} analyses for {images} images; {AbortedPattern().Count(stack.Embedder.Output)} abandoned by the Api");
                if (answered != images)
                {
                    drill.Result.Violation($"the Embedder answered {answered} analyses for {images} images (each must be analysed once)");
                }
            });
    }

    [GeneratedRegex(@"POST http://[^ ]+/v1/analyze - 200 ")]
    private static partial Regex AnswerPattern();

    [GeneratedRegex(@"POST http://[^ ]+/v1/analyze - 499 ")]
    private static partial Regex AbortedPattern();
}
