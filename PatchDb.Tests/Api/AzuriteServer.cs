using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Azurite's Blob service (npm package <c>azurite</c>, installed on first use into the gitignored
/// <c>.patchdb/azurite</c>), on a free port with its data in a temp folder.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // The emulator's documented, public development account.
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly WatchedProcess _process;
    private readonly string _dataDir;

    private AzuriteServer(WatchedProcess process, string dataDir, int port)
    {
        _process = process;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    public static async Task<AzuriteServer> StartAsync()
    {
        var folder = Path.Combine(RepoPaths.Root, ".patchdb", "azurite");
        var executable = Path.Combine(folder, "node_modules", ".bin", "azurite-blob");
        await InstallLock.WaitAsync();
        try
        {
            if (!File.Exists(executable))
            {
                Directory.CreateDirectory(folder);
                await Tools.RunAsync("npm", ["install", "azurite", "--prefix", folder, "--no-audit", "--no-fund", "--silent"]);
            }
        }
        finally
        {
            InstallLock.Release();
        }
        var dataDir = Directory.CreateTempSubdirectory("patchdb-azurite-").FullName;
        var port = FreePort.Next();
        var process = WatchedProcess.Start(executable,
            ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(), "--location", dataDir, "--silent", "--skipApiVersionCheck"],
            runAsUser: null, useSigInt: true);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited, "azurite");
        return new AzuriteServer(process, dataDir, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
