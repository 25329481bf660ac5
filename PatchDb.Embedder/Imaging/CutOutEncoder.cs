using NetVips;
using OpenCvSharp;

namespace PatchDb.Embedder.Imaging;

/// <summary>Encodes an OpenCV RGBA image as WebP with alpha through libvips, like every other derivative.</summary>
internal static class CutOutEncoder
{
    public static byte[] WebP(Mat rgba, int quality)
    {
        VipsRuntime.EnsureStarted();
        var bytes = new byte[rgba.Rows * rgba.Cols * 4];
        using (var copy = rgba.IsContinuous() ? null : rgba.Clone())
        {
            System.Runtime.InteropServices.Marshal.Copy((copy ?? rgba).Data, bytes, 0, bytes.Length);
        }

        using var image = NetVips.Image.NewFromMemory(bytes, rgba.Cols, rgba.Rows, 4, Enums.BandFormat.Uchar);
        using var srgb = image.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.WebpsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
    }
}
