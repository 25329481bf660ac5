namespace PatchDb.Api.Model;

/// <summary>An image's local features (the Embedder's PDLF blob: keypoints and descriptors), kept apart from
/// <see cref="Image"/> because they are tens of kilobytes and only matching reads them.</summary>
public sealed class ImageFeatures
{
    public Guid ImageId { get; set; }

    public required byte[] Data { get; set; }
}
