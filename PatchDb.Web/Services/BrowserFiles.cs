using Microsoft.AspNetCore.Components.Forms;

namespace PatchDb.Web.Services;

/// <summary>Reads a file the browser chose (streamed over the circuit) into memory, reporting progress.</summary>
public static class BrowserFiles
{
    /// <param name="progress">Called with 0..100 as bytes arrive.</param>
    public static async Task<byte[]> ReadAllAsync(IBrowserFile file, long maxBytes, Action<int>? progress, CancellationToken ct)
    {
        var buffer = new byte[file.Size];
        await using var stream = file.OpenReadStream(maxBytes, ct);
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0)
            {
                break;
            }

            read += n;
            progress?.Invoke((int)(read * 100L / Math.Max(buffer.Length, 1)));
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }
}
