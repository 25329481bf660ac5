using PatchDb.AppHost.Hosting;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.AppHost;

/// <summary>An in-process AppHost on a private data folder and free ports; deletes the folder when disposed.</summary>
public sealed class TestAppHost : IAsyncDisposable
{
    public TestAppHost(string? dataDir = null, TimeSpan? stopTimeout = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("patchdb-apphost-").FullName;
        Options = new AppHostOptions
        {
            RepoRoot = Infrastructure.RepoPaths.Root,
            DataDir = DataDir,
            DashboardPort = FreePort.Next(),
            OtlpPort = FreePort.Next(),
            WebPort = FreePort.Next(),
            DashboardToken = "test-token-" + Guid.NewGuid().ToString("N"),
            StopTimeout = stopTimeout ?? TimeSpan.FromSeconds(10),
        };
        Builder = new DistributedApplicationBuilder(Options);
    }

    public string DataDir { get; }
    public AppHostOptions Options { get; }
    public DistributedApplicationBuilder Builder { get; }
    public DistributedApplication? App { get; private set; }
    public bool KeepDataDir { get; set; }

    public async Task<DistributedApplication> StartAsync()
    {
        App = Builder.Build();
        await App.StartAsync(TestContext.Current.CancellationToken);
        return App;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
        }
        if (!KeepDataDir && Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Processes whose command line mentions <paramref name="marker"/> (e.g. a data folder).</summary>
    public static IReadOnlyList<string> ProcessesMentioning(string marker) =>
        [.. Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)).Select(d =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                return "";
            }
            catch (UnauthorizedAccessException)
            {
                return "";
            }
        }).Where(c => c.Contains(marker, StringComparison.Ordinal))];
}
