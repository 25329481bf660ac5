using System.Diagnostics;
using System.Security.Cryptography;
using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Models.Classic;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Services;

/// <summary>One photo from bytes to <see cref="AnalysisResponse"/>: cache lookup, decode + derivatives (on the
/// caller's thread), then embedding (batched), local features, whole-photo embedding and segmentation with its cut-out
/// side by side, cache store.</summary>
public sealed class PhotoAnalyzer(
    PhotoDecoder decoder, ActiveModel activeModel, EmbeddingBatcher batcher, AnalysisCache cache, EmbedderTelemetry telemetry,
    LocalFeatureService localFeatures, WholePhotoEmbedder wholePhoto)
{
    public async Task<AnalysisResponse> AnalyzeAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var model = await activeModel.GetAsync(cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await cache.GetAsync(model.ModelId, sha256, cancellationToken) is { } cached && IsComplete(cached))
        {
            telemetry.CacheHit();
            return cached with { Cached = true };
        }

        telemetry.CacheMiss();
        var photo = Decode(bytes, sha256, model.PreferredInputLongSide);
        var working = photo.Photo.Working;
        // The batcher embeds on its own thread; the other stages are independent of it and of each other, so one
        // upload spreads over the cores instead of queueing its stages on the request's thread (bench-stages).
        var embedding = batcher.EmbedAsync(working, cancellationToken);
        var features = Task.Run(() => localFeatures.TryExtract(working), cancellationToken);
        // Both use OpenCV (the ResNet input is resized by it): without its native library the analysis goes on without them.
        var auxiliary = Task.Run(() => localFeatures.IsAvailable ? wholePhoto.TryEmbed(working) : null, cancellationToken);
        // One segmentation (shared with classic-v1's descriptor) for the outline the response describes and the cut-out.
        var segmentation = Segment(working);
        var cutOut = localFeatures.IsAvailable ? CutOutMaker.TryMakeOrNull(working, segmentation) : null;
        var patch = PatchOutlines.Describe(photo.Photo, segmentation);
        var analysis = new AnalysisResponse(model.ModelId, await embedding, sha256, photo.Photo.Width, photo.Photo.Height,
            photo.Photo.Format, photo.ThumbnailWebp, photo.SquareWebp, Cached: false, (await features)?.Encode(), cutOut?.Webp,
            // 0: looked, found no outline; null: could not look (no OpenCV).
            cutOut?.Confidence ?? (localFeatures.IsAvailable ? 0 : null),
            Auxiliary(await features, await auxiliary), patch);
        await cache.SetAsync(analysis, cancellationToken);
        return analysis;
    }

    /// <summary>The shortlist-only descriptors: the whole-photo ResNet18 one and the bag of the photo's own visual words.</summary>
    private static List<AuxiliaryEmbedding>? Auxiliary(LocalFeatureSet? features, AuxiliaryEmbedding? whole)
    {
        var all = new List<AuxiliaryEmbedding>(2);
        if (whole is not null)
        {
            all.Add(whole);
        }
        // A photo without keypoints (a flat colour) has no words to compare.
        if (features is { Count: > 0 })
        {
            all.Add(new AuxiliaryEmbedding(VisualWords.ModelId, VisualWords.Embed(features)));
        }
        return all.Count > 0 ? all : null;
    }

    /// <summary>An entry cached before a shortlist descriptor existed lacks it: such a photo is analysed afresh. A photo
    /// without keypoints (a flat colour) never has visual words, so it needs none to be complete.</summary>
    private bool IsComplete(AnalysisResponse cached)
    {
        var models = cached.AuxiliaryEmbeddings?.Select(a => a.ModelId).ToHashSet() ?? [];
        return (!wholePhoto.IsAvailable || models.Contains(WholePhotoEmbedder.ModelId))
            && (cached.LocalFeatures is not { } features || LocalFeatureSet.CountOf(features) == 0 || models.Contains(VisualWords.ModelId));
    }

    private static PatchSegmentation Segment(Models.RgbImage image)
    {
        using var activity = EmbedderTelemetry.ActivitySource.StartActivity("segment");
        return PatchSegmentation.Of(image);
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
