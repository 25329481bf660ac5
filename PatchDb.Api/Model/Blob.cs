namespace PatchDb.Api.Model;

/// <summary>A content-addressed blob; the row exists exactly while something references the bytes.</summary>
public sealed class Blob
{
    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public required string ContentType { get; set; }

    public int ReferenceCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
