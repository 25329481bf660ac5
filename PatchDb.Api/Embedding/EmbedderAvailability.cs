namespace PatchDb.Api.Embedding;

/// <summary>Remembers that the Embedder was just found unavailable, so uploads answer "pending" at once instead of
/// each waiting for the timeout; the outbox worker keeps probing and clears the mark on its first success.</summary>
public sealed class EmbedderAvailability(TimeProvider time)
{
    private long _unavailableUntilTicks;

    public bool IsPresumedDown => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _unavailableUntilTicks);

    public void ReportUnavailable(TimeSpan quarantine) =>
        Interlocked.Exchange(ref _unavailableUntilTicks, (time.GetUtcNow() + quarantine).UtcTicks);

    public void ReportAvailable() => Interlocked.Exchange(ref _unavailableUntilTicks, 0);
}
