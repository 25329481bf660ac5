using Microsoft.Extensions.Options;

namespace PatchDb.Embedder.Services;

/// <summary>
/// Bounds how many analyses hold a request body and decode at once (Embedder:MaxConcurrentAnalyses), so memory stays
/// bounded under a burst of 30 MB uploads: waiting requests leave their bodies unread in the socket.
/// </summary>
public sealed class AnalysisThrottle(IOptions<EmbedderOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentAnalyses, options.Value.MaxConcurrentAnalyses);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
