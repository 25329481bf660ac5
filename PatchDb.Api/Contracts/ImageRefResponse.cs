namespace PatchDb.Api.Contracts;

/// <param name="CutoutPath">The patch cut out of the photo (WebP with alpha), null unless its segmentation is confident;
/// added after the original fields, like <paramref name="CutoutConfidence"/> (0..1, null before any cut-out was made).</param>
public sealed record ImageRefResponse(Guid Id, string Path, string? CutoutPath = null, double? CutoutConfidence = null);
