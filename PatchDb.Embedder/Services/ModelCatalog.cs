using System.Reflection;
using PatchDb.Embedder.Models;

namespace PatchDb.Embedder.Services;

/// <summary>Makes the models this Embedder knows.</summary>
// TODO(embedder): call ClassicV1Model and ClipModelLoader directly once both are merged; until then they are found by name.
public sealed class ModelCatalog(IConfiguration configuration, ILoggerFactory loggerFactory)
{
    public IEmbeddingModel CreateClassic()
    {
        var type = Type.GetType("PatchDb.Embedder.Models.Classic.ClassicV1Model")
            ?? throw new InvalidOperationException("classic-v1 is not part of this build.");
        return (IEmbeddingModel)Activator.CreateInstance(type)!;
    }

    public async Task<IEmbeddingModel> LoadClipAsync(CancellationToken cancellationToken)
    {
        var loader = Type.GetType("PatchDb.Embedder.Models.Clip.ClipModelLoader")
            ?? throw new InvalidOperationException("clip-vit-b32 is not part of this build.");
        var optionsType = Type.GetType("PatchDb.Embedder.Models.Clip.ClipModelOptions")!;
        var clipOptions = configuration.GetSection("Embedder:Clip").Get(optionsType) ?? Activator.CreateInstance(optionsType);
        var load = loader.GetMethod("LoadAsync", BindingFlags.Public | BindingFlags.Static)!;
        var logger = loggerFactory.CreateLogger(loader.FullName!);
        try
        {
            return await (Task<IEmbeddingModel>)load.Invoke(null, [clipOptions, logger, cancellationToken])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
