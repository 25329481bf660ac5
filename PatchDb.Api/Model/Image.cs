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

    public List<ImageEmbedding> Embeddings { get; set; } = [];
}
