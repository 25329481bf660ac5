using System.Diagnostics;
using System.Security.Cryptography;
using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Services;

/// <summary>One photo from bytes to <see cref="AnalysisResponse"/>: cache lookup, decode + derivatives (on the
/// caller's thread), embedding (batched), cache store.</summary>
public sealed class PhotoAnalyzer(
    PhotoDecoder decoder, ActiveModel activeModel, EmbeddingBatcher batcher, AnalysisCache cache, EmbedderTelemetry telemetry,
    LocalFeatureService localFeatures, WholePhotoEmbedder wholePhoto)
{
    public async Task<AnalysisResponse> AnalyzeAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var model = await activeModel.GetAsync(cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        // An entry cached before the whole-photo descriptor existed lacks it: analyse afresh.
        if (await cache.GetAsync(model.ModelId, sha256, cancellationToken) is { } cached
            && (cached.AuxiliaryEmbeddings is not null || !wholePhoto.IsAvailable))
        {
            telemetry.CacheHit();
            return cached with { Cached = true };
        }

        telemetry.CacheMiss();
        var photo = Decode(bytes, sha256, model.PreferredInputLongSide);
        // The batcher embeds on its own thread; the features (model-independent) are extracted here meanwhile.
        var embedding = batcher.EmbedAsync(photo.Photo.Working, cancellationToken);
        var features = localFeatures.TryExtract(photo.Photo.Working);
        // Both use OpenCV (the ResNet input is resized by it): without its native library the analysis goes on without them.
        // One segmentation for the outline the response describes and the cut-out cut along it.
        var segmentation = PatchSegmentation.Of(photo.Photo.Working);
        var cutOut = localFeatures.IsAvailable ? CutOutMaker.TryMakeOrNull(photo.Photo.Working, segmentation) : null;
        var auxiliary = localFeatures.IsAvailable ? wholePhoto.TryEmbed(photo.Photo.Working) : null;
        var patch = PatchOutlines.Describe(photo.Photo, segmentation);
        var analysis = new AnalysisResponse(model.ModelId, await embedding, sha256, photo.Photo.Width, photo.Photo.Height,
            photo.Photo.Format, photo.ThumbnailWebp, photo.SquareWebp, Cached: false, features, cutOut?.Webp,
            // 0: looked, found no outline; null: could not look (no OpenCV).
            cutOut?.Confidence ?? (localFeatures.IsAvailable ? 0 : null),
            auxiliary is null ? null : [auxiliary], patch);
        await cache.SetAsync(analysis, cancellationToken);
        return analysis;
    }

    private AnalyzedPhoto Decode(byte[] bytes, string sha256, int workingLongSide)
    {
        using var activity = EmbedderTelemetry.ActivitySource.StartActivity("decode");
        activity?.SetTag("patchdb.bytes", bytes.Length);
        activity?.SetTag("patchdb.sha256", sha256);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var photo = decoder.DecodeWithDerivatives(bytes, workingLongSide);
            telemetry.Decoded(Stopwatch.GetElapsedTime(started), photo.Photo.Format);
            activity?.SetTag("patchdb.format", photo.Photo.Format);
            return photo;
        }
        catch (ImageRejectedException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }
}
