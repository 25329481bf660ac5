namespace PatchDb.Api.Model;

/// <summary>One uploaded photo (a "patch" on the wire).</summary>
public sealed class Image
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public Guid? GroupId { get; set; }

    public ImageGroup? Group { get; set; }

    public required string OriginalSha256 { get; set; }

    public string? ThumbnailSha256 { get; set; }

    public string? SquareSha256 { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public string? Format { get; set; }

    public AnalysisStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The patch cut out of the photo (WebP with alpha), null when the Embedder found no outline.</summary>
    public string? CutoutSha256 { get; set; }

    /// <summary>How sure the Embedder's segmentation was, 0..1 (0: no outline; null: analysed before cut-outs, or by an
    /// Embedder without OpenCV); served as a cover only at or above
    /// <see cref="Options.CutoutOptions.MinConfidence"/>.</summary>
    public double? CutoutConfidence { get; set; }

    /// <summary>Where the Embedder found the patch taken as the query, in full-photo pixels after EXIF orientation:
    /// bounding box x, y, width, height (the four patch fields are null for images analysed before they existed).</summary>
    public int[]? PatchBox { get; set; }

    /// <summary>The patch's convex outline, x0, y0, x1, y1, … in the same pixels as <see cref="PatchBox"/>.</summary>
    public double[]? PatchOutline { get; set; }

    /// <summary>The fraction of the outline lying on the photo's edges, 0..1.</summary>
    public double? PatchConfidence { get; set; }

    /// <summary>Whether the outline was trusted; when false the whole photo stood in for the patch.</summary>
    public bool? PatchConfident { get; set; }

    public List<ImageEmbedding> Embeddings { get; set; } = [];
}
