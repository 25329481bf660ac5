using Microsoft.Extensions.Options;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.Models.Clip;
using PatchDb.Embedder.Onnx;

namespace PatchDb.Embedder.Services;

/// <summary>Makes the models this Embedder knows.</summary>
public sealed class ModelCatalog(IOptions<ClipModelOptions> clipOptions, IOptions<OnnxOptions> onnxOptions, ILoggerFactory loggerFactory)
{
    public IEmbeddingModel CreateClassic() => new ClassicV1Model();

    public Task<IEmbeddingModel> LoadClipAsync(CancellationToken cancellationToken) =>
        ClipModelLoader.LoadAsync(clipOptions.Value, onnxOptions.Value.Device,
            loggerFactory.CreateLogger(typeof(ClipModelLoader).FullName!), cancellationToken);
}
