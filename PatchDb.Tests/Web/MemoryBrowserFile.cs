using Microsoft.AspNetCore.Components.Forms;

namespace PatchDb.Tests.Web;

/// <summary>A browser's chosen file held in memory, for driving the importer outside a browser.</summary>
internal sealed class MemoryBrowserFile(string name, byte[] bytes, string contentType = "image/jpeg") : IBrowserFile
{
    public string Name => name;

    public DateTimeOffset LastModified { get; } = DateTimeOffset.UtcNow;

    public long Size => bytes.Length;

    public string ContentType => contentType;

    public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
        bytes.Length > maxAllowedSize ? throw new IOException("Too large.") : new MemoryStream(bytes, writable: false);
}
