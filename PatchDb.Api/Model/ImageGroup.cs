namespace PatchDb.Api.Model;

/// <summary>A group of photos of one patch design (listed as a "patch" on the wire).</summary>
public sealed class ImageGroup
{
    public const int MaxCopies = 999;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    public bool IsFavorite { get; set; }

    // Physical copies the collector owns; the ones beyond the first are spares to trade.
    public int Copies { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }

    public List<Image> Images { get; set; } = [];
}
