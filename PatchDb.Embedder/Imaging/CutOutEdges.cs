using OpenCvSharp;

namespace PatchDb.Embedder.Imaging;

/// <summary>Pixel-level edges that snap the segmenter's coarse outline: Canny on a lightly blurred grey image, with
/// thresholds from the image's own median (thread texture and noise differ from photo to photo).</summary>
internal static class CutOutEdges
{
    public static Mat Detect(Mat gray)
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(gray, blurred, new Size(5, 5), 1.2);
        using var gx = new Mat();
        using var gy = new Mat();
        Cv2.Sobel(blurred, gx, MatType.CV_32F, 1, 0);
        Cv2.Sobel(blurred, gy, MatType.CV_32F, 0, 1);
        using var magnitude = new Mat();
        Cv2.Magnitude(gx, gy, magnitude);
        // Gradient percentiles set the hysteresis: the outline is among the strongest few percent of gradients.
        var high = Percentile(magnitude, 0.9);
        var edges = new Mat();
        Cv2.Canny(blurred, edges, Math.Max(10, high * 0.25), Math.Max(20, high * 0.5));
        return edges;
    }

    private static double Percentile(Mat values, double q)
    {
        values.GetArray(out float[] data);
        Array.Sort(data);
        return data.Length == 0 ? 0 : data[(int)Math.Clamp(q * (data.Length - 1), 0, data.Length - 1)];
    }
}
