using Microsoft.Extensions.Options;
using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Services;

/// <summary>Loads the configured model once, in the background from start-up; CLIP falls back to classic-v1.</summary>
public sealed partial class ActiveModel(IOptions<EmbedderOptions> options, ModelCatalog catalog, ILogger<ActiveModel> logger)
    : IHostedService
{
    private readonly Lazy<Task<IEmbeddingModel>> _model = new(() => LoadAsync(options.Value.Model, catalog, logger));

    public Task<IEmbeddingModel> GetAsync(CancellationToken cancellationToken = default) =>
        _model.Value.WaitAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _model.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<IEmbeddingModel> LoadAsync(string modelId, ModelCatalog catalog, ILogger logger)
    {
        await Task.Yield();
        IEmbeddingModel model;
        if (modelId == EmbedderOptions.ClipModelId)
        {
            try
            {
                model = await catalog.LoadClipAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogClipUnavailable(logger, e.Message);
                model = catalog.CreateClassic();
            }
        }
        else
        {
            model = catalog.CreateClassic();
        }

        LogModelReady(logger, model.ModelId, model.Dimensions, model.Source);
        return model;
    }

    [LoggerMessage(LogLevel.Warning, "CLIP model unavailable ({Reason}); falling back to classic-v1.")]
    private static partial void LogClipUnavailable(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Information, "Embedding model {ModelId} ready: {Dimensions} dimensions, from {Source}.")]
    private static partial void LogModelReady(ILogger logger, string modelId, int dimensions, string source);
}
