namespace PatchDb.Embedder.Imaging;

/// <summary>The patch cut out of a photo: a WebP with alpha of its rectified, upright view; how sure the segmentation
/// is (0..1); and the four corners (top-left, top-right, bottom-right, bottom-left) it was rectified from, in pixels of
/// the analysed image.</summary>
public sealed record CutOut(byte[] Webp, int Width, int Height, double Confidence, IReadOnlyList<(double X, double Y)> Corners);
