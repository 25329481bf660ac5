namespace PatchDb.Embedder.Apis;

/// <summary>
/// Where the Embedder found the patch the query is about, in the full photo's pixels (after EXIF orientation):
/// <paramref name="Outline"/> is the convex outline as x0, y0, x1, y1, …; <paramref name="Box"/> its bounding box
/// (x, y, width, height). <paramref name="Confidence"/> (0..1) is the fraction of the outline lying on the photo's
/// edges; <paramref name="Confident"/> says whether it reached the bar, else the whole photo stood in for the patch.
/// With several patches in one photo this is the one chosen: the largest, sharpest outline.
/// </summary>
public sealed record PatchOutlineResponse(double[] Outline, int[] Box, double Confidence, bool Confident);
