namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Keypoints live in the working image the features were extracted from; the stored square derivative is that same
/// photo fitted into 512×512 and centred on black (PhotoDecoder). Same aspect ratio, so a scale and an offset map one
/// onto the other.
/// </summary>
public static class SquareFrame
{
    public const int Side = 512;

    /// <summary>(x, y) of a <paramref name="width"/>×<paramref name="height"/> image, OpenCV's convention (pixel
    /// centres at integers), as a fraction 0..1 of the square.</summary>
    public static (double X, double Y) Normalise(double x, double y, int width, int height)
    {
        var scale = (double)Side / Math.Max(width, height);
        // libvips rounds the fitted size and centres it on whole pixels.
        double fittedWidth = Math.Round(width * scale), fittedHeight = Math.Round(height * scale);
        double left = Math.Floor((Side - fittedWidth) / 2), top = Math.Floor((Side - fittedHeight) / 2);
        return (Math.Clamp(((x + 0.5) * scale + left) / Side, 0, 1), Math.Clamp(((y + 0.5) * scale + top) / Side, 0, 1));
    }
}
