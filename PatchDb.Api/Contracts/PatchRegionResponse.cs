namespace PatchDb.Api.Contracts;

/// <summary>The part of the photo taken as the patch (with several patches in one photo, the largest, sharpest outline),
/// in the full photo's pixels after EXIF orientation.</summary>
/// <param name="Box">x, y, width, height of <paramref name="Outline"/>.</param>
/// <param name="Outline">The convex outline, x0, y0, x1, y1, ….</param>
/// <param name="Confidence">The fraction of the outline lying on the photo's edges, 0..1.</param>
/// <param name="Found">Whether the outline was trusted; when false the whole photo was used, and the box and outline
/// are only the segmenter's unconfirmed guess.</param>
public sealed record PatchRegionResponse(int[] Box, double[] Outline, double Confidence, bool Found);
