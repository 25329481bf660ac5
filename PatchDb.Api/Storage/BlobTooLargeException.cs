namespace PatchDb.Api.Storage;

public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"The content is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
