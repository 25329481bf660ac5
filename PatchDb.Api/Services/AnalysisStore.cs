using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;
using PatchDb.Api.Options;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>Writes an analysis (derivative blobs, size, patch region, embedding, local features) onto an image row inside the caller's transaction.</summary>
public sealed class AnalysisStore(IBlobStore store, BlobReferences blobs, TimeProvider time, IOptions<RecognitionOptions> recognition)
{
    private const string WebpContentType = "image/webp";

    /// <summary>Stages the derivatives of an Embedder answer before any transaction is opened.</summary>
    public async Task<StagedAnalysis> StageAsync(AnalysisResponse analysis, CancellationToken cancellationToken)
    {
        var thumbnail = await store.StageAsync(new MemoryStream(analysis.ThumbnailWebp), long.MaxValue, cancellationToken);
        var square = await store.StageAsync(new MemoryStream(analysis.SquareWebp), long.MaxValue, cancellationToken);
        var cutout = analysis.CutoutWebp is { Length: > 0 } webp
            ? await store.StageAsync(new MemoryStream(webp), long.MaxValue, cancellationToken)
            : null;
        return new StagedAnalysis(analysis, thumbnail, square, cutout);
    }

    public async Task DiscardAsync(StagedAnalysis? staged)
    {
        if (staged is not null)
        {
            await store.DiscardAsync(staged.Thumbnail);
            await store.DiscardAsync(staged.Square);
            if (staged.Cutout is not null)
            {
                await store.DiscardAsync(staged.Cutout);
            }
        }
    }

    /// <summary>Applies a fresh analysis and saves it; replaces the derivatives of a re-analysed image. Returns the
    /// hashes whose last reference went (delete them with <see cref="BlobReferences.DeleteIfUnreferencedAsync"/> after the commit).</summary>
    public async Task<List<string>> ApplyAsync(PatchDbContext db, Image image, StagedAnalysis staged, CancellationToken cancellationToken)
    {
        await blobs.AddReferenceAsync(db, staged.Thumbnail, WebpContentType, cancellationToken);
        await blobs.AddReferenceAsync(db, staged.Square, WebpContentType, cancellationToken);
        if (staged.Cutout is not null)
        {
            await blobs.AddReferenceAsync(db, staged.Cutout, WebpContentType, cancellationToken);
        }
        string?[] previous = [image.ThumbnailSha256, image.SquareSha256, image.CutoutSha256];
        var analysis = staged.Analysis;
        image.ThumbnailSha256 = staged.Thumbnail.Sha256;
        image.SquareSha256 = staged.Square.Sha256;
        image.CutoutSha256 = staged.Cutout?.Sha256;
        image.CutoutConfidence = analysis.CutoutConfidence;
        SetPatch(image, analysis.Patch);
        SetAnalysis(db, image, analysis.Width, analysis.Height, analysis.Format, analysis.ModelId, analysis.Embedding);
        foreach (var auxiliary in KeptAuxiliary(analysis))
        {
            SetAnalysis(db, image, analysis.Width, analysis.Height, analysis.Format, auxiliary.ModelId, auxiliary.Embedding);
        }
        await SetFeaturesAsync(db, image, analysis.LocalFeatures, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var released = new List<string>();
        foreach (var sha in previous)
        {
            if (sha is not null && await blobs.ReleaseAsync(db, sha, cancellationToken))
            {
                released.Add(sha);
            }
        }
        return released;
    }

    /// <summary>Copies the analysis of another image with the same bytes (no Embedder call).</summary>
    public async Task ReuseAsync(PatchDbContext db, Image image, Image source, CancellationToken cancellationToken)
    {
        await blobs.AddExistingReferenceAsync(db, source.ThumbnailSha256!, cancellationToken);
        await blobs.AddExistingReferenceAsync(db, source.SquareSha256!, cancellationToken);
        image.ThumbnailSha256 = source.ThumbnailSha256;
        image.SquareSha256 = source.SquareSha256;
        if (source.CutoutSha256 is not null)
        {
            await blobs.AddExistingReferenceAsync(db, source.CutoutSha256, cancellationToken);
        }
        image.CutoutSha256 = source.CutoutSha256;
        image.CutoutConfidence = source.CutoutConfidence;
        image.PatchBox = source.PatchBox;
        image.PatchOutline = source.PatchOutline;
        image.PatchConfidence = source.PatchConfidence;
        image.PatchConfident = source.PatchConfident;
        foreach (var embedding in source.Embeddings)
        {
            SetAnalysis(db, image, source.Width ?? 0, source.Height ?? 0, source.Format ?? "", embedding.ModelId, embedding.Vector);
        }
        var features = await db.LocalFeatures.AsNoTracking()
            .Where(f => f.ImageId == source.Id).Select(f => f.Data).FirstOrDefaultAsync(cancellationToken);
        await SetFeaturesAsync(db, image, features, cancellationToken);
    }

    /// <summary>The auxiliary embeddings the Api searches (<see cref="RecognitionOptions.AuxiliaryModels"/>). Any other
    /// the Embedder sends is not stored: the newest embedding that is not auxiliary is taken as the photo's primary one,
    /// so a stored but unconfigured shortlist descriptor would be compared as if it were the model's.</summary>
    public IEnumerable<AuxiliaryEmbedding> KeptAuxiliary(AnalysisResponse analysis) =>
        (analysis.AuxiliaryEmbeddings ?? []).Where(a => recognition.Value.IsAuxiliary(a.ModelId));

    // An Embedder that sends no outline leaves all four null, so a re-analysis never keeps a region of the earlier one.
    private static void SetPatch(Image image, PatchOutline? patch)
    {
        image.PatchBox = patch?.Box;
        image.PatchOutline = patch?.Outline;
        image.PatchConfidence = patch?.Confidence;
        image.PatchConfident = patch?.Confident;
    }

    private static async Task SetFeaturesAsync(PatchDbContext db, Image image, byte[]? data, CancellationToken cancellationToken)
    {
        var existing = db.Entry(image).State == EntityState.Added
            ? null
            : await db.LocalFeatures.FirstOrDefaultAsync(f => f.ImageId == image.Id, cancellationToken);
        if (data is null)
        {
            // Stale features of an earlier analysis would verify against a photo they no longer describe.
            if (existing is not null)
            {
                db.LocalFeatures.Remove(existing);
            }
        }
        else if (existing is null)
        {
            db.LocalFeatures.Add(new ImageFeatures { ImageId = image.Id, Data = data });
        }
        else
        {
            existing.Data = data;
        }
    }

    /// <summary>An analysed image with these bytes, if any (any user: identical bytes give identical analyses).</summary>
    public static Task<Image?> FindReusableAsync(PatchDbContext db, string sha256, CancellationToken cancellationToken) =>
        db.Images.AsNoTracking()
            .Include(i => i.Embeddings)
            .Where(i => i.OriginalSha256 == sha256 && i.Status == AnalysisStatus.Analyzed
                && i.ThumbnailSha256 != null && i.SquareSha256 != null && i.Embeddings.Count > 0)
            .OrderByDescending(i => i.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

    private void SetAnalysis(PatchDbContext db, Image image, int width, int height, string format, string modelId, float[] vector)
    {
        image.Width = width;
        image.Height = height;
        image.Format = format;
        image.Status = AnalysisStatus.Analyzed;
        var existing = image.Embeddings.FirstOrDefault(e => e.ModelId == modelId);
        if (existing is not null)
        {
            existing.Vector = vector;
            existing.CreatedAt = time.GetUtcNow();
        }
        else
        {
            var embedding = new ImageEmbedding { ImageId = image.Id, ModelId = modelId, Vector = vector, CreatedAt = time.GetUtcNow() };
            image.Embeddings.Add(embedding);
            if (db.Entry(image).State != EntityState.Added)
            {
                db.Embeddings.Add(embedding);
            }
        }
    }
}
