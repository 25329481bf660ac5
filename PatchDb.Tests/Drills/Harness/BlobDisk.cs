using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>A small tmpfs as the blob store's disk, which the drill fills up and frees. Needs root (mount).</summary>
public sealed class BlobDisk : IAsyncDisposable
{
    private const string Filler = "filler.bin";

    private BlobDisk(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/>; null with the reason when this machine cannot.</summary>
    public static async Task<(BlobDisk? Disk, string? Reason)> TryMountAsync(int megabytes)
    {
        var path = Directory.CreateTempSubdirectory("patchdb-drill-disk-").FullName;
        try
        {
            await Tools.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path]);
            return (new BlobDisk(path), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Directory.Delete(path);
            return (null, $"cannot mount a tmpfs here (needs root and mount rights): {ex.Message}");
        }
    }

    /// <summary>Writes a file until the disk refuses more (ENOSPC).</summary>
    public async Task FillAsync()
    {
        await using var file = new FileStream(System.IO.Path.Combine(Path, Filler), FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: false);
        foreach (var chunk in new[] { 1 << 20, 4096, 512 })
        {
            var buffer = new byte[chunk];
            try
            {
                while (true)
                {
                    file.Write(buffer);
                    file.Flush();
                }
            }
            catch (IOException)
            {
                // Full at this granularity; try smaller pieces for the rest.
            }
        }
    }

    public Task FreeAsync()
    {
        File.Delete(System.IO.Path.Combine(Path, Filler));
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Tools.RunAsync("umount", ["-l", Path]);
        Directory.Delete(Path);
    }
}
