using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Services;

/// <summary>
/// Gathers images from concurrent requests into one <see cref="IEmbeddingModel.EmbedImages"/> call (up to
/// MaxBatchSize, waiting at most MaxBatchWaitMilliseconds for company). Requests decode on their own threads while
/// this single worker runs the model, so decoding of the next images overlaps inference.
/// </summary>
public sealed partial class EmbeddingBatcher(
    ActiveModel activeModel, IOptions<EmbedderOptions> options, EmbedderTelemetry telemetry, ILogger<EmbeddingBatcher> logger)
    : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });

    public Task<float[]> EmbedAsync(RgbImage image, CancellationToken cancellationToken)
    {
        var pending = new Pending(image, new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously),
            Activity.Current?.Context);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The embedder is shutting down.");
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var maxSize = options.Value.MaxBatchSize;
        var maxWait = TimeSpan.FromMilliseconds(options.Value.MaxBatchWaitMilliseconds);
        var batch = new List<Pending>(maxSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            Drain(reader, batch, maxSize);
            if (batch.Count < maxSize && maxWait > TimeSpan.Zero)
            {
                await WaitForMoreAsync(reader, batch, maxSize, maxWait, stoppingToken);
            }

            await RunAsync(batch, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        while (_queue.Reader.TryRead(out var left))
        {
            left.Result.TrySetException(new OperationCanceledException("The embedder is shutting down."));
        }
    }

    private static void Drain(ChannelReader<Pending> reader, List<Pending> batch, int maxSize)
    {
        while (batch.Count < maxSize && reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private static async Task WaitForMoreAsync(
        ChannelReader<Pending> reader, List<Pending> batch, int maxSize, TimeSpan maxWait, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(maxWait);
        try
        {
            while (batch.Count < maxSize && await reader.WaitToReadAsync(timeout.Token))
            {
                Drain(reader, batch, maxSize);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The wait is over: embed what we have.
        }
    }

    private async Task RunAsync(List<Pending> batch, CancellationToken stoppingToken)
    {
        IEmbeddingModel model;
        try
        {
            model = await activeModel.GetAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // No model: these requests fail (500), the worker stays up.
            batch.ForEach(p => p.Result.TrySetException(e));
            return;
        }

        // The batch serves several requests: link their traces rather than parent it to one of them.
        var links = batch.Where(p => p.Caller is not null).Select(p => new ActivityLink(p.Caller!.Value));
        using var activity = EmbedderTelemetry.ActivitySource.StartActivity(ActivityKind.Internal, parentContext: default, links: links, name: "infer");
        activity?.SetTag("patchdb.model", model.ModelId);
        activity?.SetTag("patchdb.batch_size", batch.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var embeddings = model.EmbedImages(batch.ConvertAll(p => p.Image));
            telemetry.Inferred(Stopwatch.GetElapsedTime(started), batch.Count, model.ModelId);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(embeddings[i]);
            }
        }
        catch (Exception e)
        {
            LogBatchFailed(logger, e, batch.Count, model.ModelId);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(e);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Embedding a batch of {Count} images with {ModelId} failed.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count, string modelId);

    private sealed record Pending(RgbImage Image, TaskCompletionSource<float[]> Result, ActivityContext? Caller);
}
