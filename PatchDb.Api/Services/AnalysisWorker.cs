using Microsoft.Extensions.Options;
using PatchDb.Api.Options;

namespace PatchDb.Api.Services;

/// <summary>Hosted loop over the Postgres outbox of pending analyses.</summary>
public sealed partial class AnalysisWorker(IServiceScopeFactory scopeFactory, IOptions<RecognitionOptions> options,
    ILogger<AnalysisWorker> logger) : BackgroundService
{
    // Rows are claimed with SKIP LOCKED, so several loops share the queue as replicas do: a slow Embedder then
    // completes it at several analyses per delay instead of one.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.OutboxConcurrency).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var completed = 0;
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var processor = scope.ServiceProvider.GetRequiredService<PendingAnalysisProcessor>();
                completed = await processor.ProcessDueAsync(8, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
            if (completed == 0)
            {
                await Task.Delay(options.Value.OutboxPollInterval, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing pending analyses failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
