using System.Diagnostics;
using PatchDb.AppHost.Hosting;

namespace PatchDb.Tests.AppHost;

public sealed class ProcessRegistryTests
{
    [Fact]
    public async Task Next_run_kills_recorded_survivors_but_never_a_recycled_pid()
    {
        var dataDir = Directory.CreateTempSubdirectory("patchdb-registry-").FullName;
        try
        {
            using var survivor = Process.Start("sleep", ["300"]);
            new ProcessRegistry(dataDir).Add(survivor.Id);
            // A line for a live process with another start time: the PID was recycled, not ours.
            await File.AppendAllLinesAsync(Path.Combine(dataDir, "apphost.pids"), [$"{Environment.ProcessId}\t1"], TestContext.Current.CancellationToken);

            Assert.Equal(1, new ProcessRegistry(dataDir).KillLeftovers());

            await survivor.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(137, survivor.ExitCode); // killed by SIGKILL
            Assert.False(File.Exists(Path.Combine(dataDir, "apphost.pids")));
            Assert.Equal(0, new ProcessRegistry(dataDir).KillLeftovers());
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
