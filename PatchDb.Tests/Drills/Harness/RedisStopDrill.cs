using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>Drill 4: Redis stops during uploads and matches on two Api replicas: uploads still succeed, every match
/// finds the gallery photos uploaded before it (through either replica), and once Redis is back both replicas agree.</summary>
public static class RedisStopDrill
{
    public const string Name = "Redis stopped";

    // Pub/sub delivery to the other replica takes a moment; photos acknowledged this long before a query must be found.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<DrillResult> RunAsync(DrillSize size, PostgresServer? postgres = null)
    {
        await using var stack = await DrillStack.StartAsync(new DrillStackOptions { SharedPostgres = postgres, ApiReplicas = 2 });
        var fault = new Fault("redis-server stopped (SIGTERM), started again 10 s later", stack.Redis.StopAsync, TimeSpan.FromSeconds(10),
            stack.Redis.StartAsync);
        var plans = DrillPhotos.WithQueries(size.Clients, Math.Max(2, size.PhotosPerClient / 3));
        return await DrillRunner.RunAsync(Name, stack, plans, stack.Apis[0].Url, fault, replicaOf: (client, n) => (client + n) % 2,
            checks: async drill =>
            {
                Expect.NotHealthyDuringFault(drill);
                Expect.OnlyProblems(drill);
                CheckMatchesWhileUploading(drill);
                await CheckReplicasAgreeAsync(drill);
            });
    }

    private static void CheckMatchesWhileUploading(DrillContext drill)
    {
        foreach (var query in drill.Load.Records.Where(r => r.Photo.IsQuery && r.AckedStatus == "analyzed"))
        {
            var sent = query.Attempts[^1].Started;
            var expected = drill.Load.Records.Where(r => r.Client == query.Client && !r.Photo.IsQuery && r.Photo.Design == query.Photo.Design
                && r.AckedStatus == "analyzed" && r.AckedAt < sent - Settle).Select(r => r.AckedId!.Value);
            foreach (var missing in expected.Where(id => !query.MatchedIds.Contains(id)))
            {
                drill.Result.Violation($"query {Path.GetFileName(query.Photo.Path)} on replica {query.Replica} at {sent:HH:mm:ss.f} "
                    + $"missed gallery image {missing} of its design");
            }
        }
    }

    /// <summary>After the fault, each replica's answer for every query (asked again) has all gallery photos of its design.</summary>
    private static async Task CheckReplicasAgreeAsync(DrillContext drill)
    {
        foreach (var client in drill.Clients)
        {
            var mine = drill.Load.Records.Where(r => r.Client == client.Index && r.AckedId is not null).ToList();
            foreach (var query in mine.Where(r => r.Photo.IsQuery))
            {
                var gallery = mine.Where(r => !r.Photo.IsQuery && r.Photo.Design == query.Photo.Design).Select(r => r.AckedId!.Value).ToList();
                for (var replica = 0; replica < drill.Stack.Apis.Count; replica++)
                {
                    var answer = await client.Replica(replica).GetFromJsonAsync<JsonElement>($"/{client.UserId}/patch/{query.AckedId}");
                    var matched = answer.GetProperty("matches").EnumerateArray().Concat(answer.GetProperty("ungrouped_matches").EnumerateArray())
                        .Select(m => m.GetProperty("id").GetGuid()).ToHashSet();
                    foreach (var missing in gallery.Where(id => !matched.Contains(id)))
                    {
                        drill.Result.Violation($"after Redis returned, replica {replica} still misses gallery image {missing} for query {query.AckedId}");
                    }
                }
            }
        }
    }
}
