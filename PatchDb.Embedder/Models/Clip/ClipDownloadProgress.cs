using Microsoft.Extensions.Logging;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>Copies a download to its .part file and logs progress every 10 % (every 64 MiB when the size is unknown),
/// not per chunk. A read that receives nothing for <paramref name="readTimeout"/> gives up.</summary>
internal sealed class ClipDownloadProgress(ILogger logger, string file, long total, TimeSpan readTimeout)
{
    private const long UnknownSizeStep = 64L << 20;

    public async Task CopyAsync(Stream input, FileStream output, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var next = NextReport(output.Length);
        while (true)
        {
            int n;
            using (var read = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                read.CancelAfter(readTimeout);
                n = await input.ReadAsync(buffer, read.Token);
            }

            if (n == 0)
            {
                return;
            }

            await output.WriteAsync(buffer.AsMemory(0, n), ct);
            // Flushed per chunk so that an interrupted download leaves everything it received in the .part.
            await output.FlushAsync(ct);
            if (output.Length >= next)
            {
                if (total > 0)
                {
                    ClipModelLog.Progress(logger, file, output.Length, total, (int)(output.Length * 100 / total));
                }
                else
                {
                    ClipModelLog.ProgressOfUnknown(logger, file, output.Length);
                }

                next = NextReport(output.Length);
            }
        }
    }

    private long NextReport(long received) =>
        total > 0 ? (received * 10 / total + 1) * total / 10 : (received / UnknownSizeStep + 1) * UnknownSizeStep;
}
