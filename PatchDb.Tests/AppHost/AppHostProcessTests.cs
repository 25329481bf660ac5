using System.Diagnostics;
using System.Net;

namespace PatchDb.Tests.AppHost;

[Collection(AppHostCollection.Name)]
public sealed class AppHostProcessTests
{
    [Fact]
    public async Task Sigterm_and_ctrl_c_leave_no_process_behind_and_the_next_run_finds_the_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var dataDirectory = Directory.CreateTempSubdirectory("patchdb-apphost-").FullName;
        var (username, password) = ("e2e-" + Guid.NewGuid().ToString("N")[..12], "correct horse battery");
        try
        {
            ApiCalls.Session session;
            string patchId;
            await using (var first = await AppHostProcess.StartAsync(dataDirectory, ct))
            {
                using var api = new HttpClient { BaseAddress = first.Api, Timeout = TimeSpan.FromSeconds(90) };
                session = await ApiCalls.SignUpAsync(api, username, password, ct);
                patchId = await ApiCalls.UploadAsync(api, session, ActivityTraceId.CreateRandom(), ct);
                await StopAndAssertNothingLeftAsync(first, "TERM", ct);
            }

            await using var second = await AppHostProcess.StartAsync(dataDirectory, ct);
            using (var api = new HttpClient { BaseAddress = second.Api, Timeout = TimeSpan.FromSeconds(90) })
            {
                // Same user, same upload: the Postgres cluster (and the signing key's secret) outlived the first run.
                var again = await ApiCalls.LogInAsync(api, session.UserId, username, password, ct);
                var patches = await ApiCalls.GetPatchesAsync(api, again, ct);
                Assert.Equal(HttpStatusCode.OK, patches.StatusCode);
                Assert.Contains(patchId, await patches.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            }
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDirectory, "redis"), "*", SearchOption.AllDirectories));
            await StopAndAssertNothingLeftAsync(second, "INT", ct);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    static async Task StopAndAssertNothingLeftAsync(AppHostProcess run, string signal, CancellationToken ct)
    {
        string[] expected = ["dcp", "postgres", "redis-server", "PatchDb.Embedder", "PatchDb.Api", "PatchDb.Web"];
        Assert.All(expected, name => Assert.Contains(run.Processes, p => p.Runs(name)));
        await run.StopAsync(signal, ct);
        var survivors = await ProcessTable.WaitUntilGoneAsync(run.Processes, TimeSpan.FromSeconds(60));
        Assert.True(survivors.Count == 0, $"still running after SIG{signal}: " + string.Join("; ", survivors.Select(p => $"{p.Pid} {p.CommandLine}")) + "\n" + run.Output);
    }
}
