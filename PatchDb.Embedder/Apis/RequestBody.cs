using Microsoft.AspNetCore.Http.Features;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Embedder.Apis;

/// <summary>Reads a raw request body, refusing (413) before buffering more than the limit.</summary>
internal static class RequestBody
{
    public static void ThrowIfDeclaredTooLarge(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            throw ImageRejectedException.TooLarge(
                $"The body is {context.Request.ContentLength} bytes; the limit is {maxBytes} bytes.");
        }
    }

    public static async Task<byte[]> ReadLimitedAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        ThrowIfDeclaredTooLarge(context, maxBytes);

        // Kestrel's own cap (about 28.6 MiB by default) would cut in first with a bare 413; the loop below enforces ours.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var initial = (int)Math.Min(context.Request.ContentLength ?? 64 * 1024, maxBytes);
        using var buffer = new MemoryStream(initial);
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw ImageRejectedException.TooLarge($"The body is larger than the limit of {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
