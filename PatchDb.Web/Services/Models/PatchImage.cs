namespace PatchDb.Web.Services.Models;

/// <summary>One uploaded photo (a "patch" on the wire). <c>CutoutPath</c>: the Api path of the patch cut out of the
/// photo (WebP with alpha), only when the segmentation was confident; older Apis send neither cut-out field.</summary>
public sealed record PatchImage(Guid Id, string Path, string? CutoutPath = null, double? CutoutConfidence = null);
