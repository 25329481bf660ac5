namespace PatchDb.Tests.Onnx;

/// <summary>A response body that counts what the server sent and, given a budget, stops after it and holds the
/// connection open until the client gives up (a stalled download, the way a dropped network looks to the client).</summary>
internal sealed class ServedBytesStream(Stream inner, Action<long> served, long? budget, CancellationToken aborted) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = budget is { } b ? (int)Math.Clamp(b - _written, 0, buffer.Length) : buffer.Length;
        await inner.WriteAsync(buffer[..allowed], cancellationToken);
        _written += allowed;
        served(allowed);
        if (allowed < buffer.Length)
        {
            await inner.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, aborted);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
