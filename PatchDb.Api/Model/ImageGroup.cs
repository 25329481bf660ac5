namespace PatchDb.Api.Model;

/// <summary>A group of photos of one patch design (listed as a "patch" on the wire).</summary>
public sealed class ImageGroup
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public bool IsFavorite { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Image> Images { get; set; } = [];
}
