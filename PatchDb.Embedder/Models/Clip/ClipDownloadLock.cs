using Microsoft.Extensions.Logging;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// One downloader per cache folder: replicas sharing a cache volume would otherwise append to the same .part file.
/// The others wait rather than fall back, since replicas answering with different models would mix model ids.
/// </summary>
internal static class ClipDownloadLock
{
    public const string FileName = ".download.lock";

    public static async Task<FileStream> AcquireAsync(string folder, ILogger logger, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        for (var waited = false; ; waited = true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Linux, released when the process ends.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                if (!waited)
                {
                    ClipModelLog.WaitingForDownload(logger, path);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
