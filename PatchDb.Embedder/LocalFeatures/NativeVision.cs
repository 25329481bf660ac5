using System.Runtime.InteropServices;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>Safe wrappers of <see cref="VisionNative"/>: managed arrays in and out, failures as exceptions.</summary>
public static unsafe class NativeVision
{
    /// <summary>Loads the shim and the OpenCV libraries it links; the reason when that fails.</summary>
    public static bool TryLoad(out string? error)
    {
        var path = Path.Combine(AppContext.BaseDirectory, VisionNative.Library);
        try
        {
            // By path first (the build copies it next to the app); by name second, which also searches the
            // assembly's directory when the app base differs (test hosts).
            if (!NativeLibrary.TryLoad(path, out _))
            {
                NativeLibrary.Load(VisionNative.Library, typeof(NativeVision).Assembly, null);
            }

            error = null;
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>SIFT keypoints of the image with quantised RootSIFT descriptors, at most <paramref name="maxFeatures"/>.</summary>
    public static LocalFeatureSet Extract(RgbImage image, int maxFeatures)
    {
        var xy = new float[2 * maxFeatures];
        var descriptors = new byte[LocalFeatureSet.DescriptorLength * maxFeatures];
        int count;
        fixed (byte* rgb = image.Pixels)
        fixed (float* xyOut = xy)
        fixed (byte* descOut = descriptors)
        {
            count = Check(VisionNative.pdb_features(rgb, image.Width, image.Height, image.Stride, maxFeatures, xyOut, descOut,
                maxFeatures), "pdb_features");
        }

        return new LocalFeatureSet(image.Width, image.Height, xy[..(2 * count)],
            descriptors[..(LocalFeatureSet.DescriptorLength * count)]);
    }

    /// <summary>RANSAC inliers among the ratio-test matches of query to candidate, and the homography mapping query
    /// points onto the candidate (null when no plausible one exists, then inliers are 0).</summary>
    public static (int Inliers, Homography? QueryToCandidate) Verify(
        LocalFeatureSet query, LocalFeatureSet candidate, double ratio, double reprojectionPixels)
    {
        var h = new double[9];
        int inliers;
        fixed (float* qXy = query.Xy)
        fixed (byte* qDesc = query.Descriptors)
        fixed (float* cXy = candidate.Xy)
        fixed (byte* cDesc = candidate.Descriptors)
        fixed (double* hOut = h)
        {
            inliers = Check(VisionNative.pdb_verify(qXy, qDesc, query.Count, cXy, cDesc, candidate.Count, (float)ratio,
                (float)reprojectionPixels, hOut), "pdb_verify");
        }

        return (inliers, inliers > 0 ? new Homography(h) : null);
    }

    /// <summary>cv::findHomography with RANSAC over known correspondences (x0, y0, x1, y1, …).</summary>
    public static (Homography? Homography, bool[] Inliers) FindHomography(float[] from, float[] to, double reprojectionPixels)
    {
        if (from.Length != to.Length || from.Length % 2 != 0 || from.Length < 8)
        {
            throw new ArgumentException("Give at least 4 correspondences, as many sources as destinations.");
        }

        var h = new double[9];
        var mask = new byte[from.Length / 2];
        int inliers;
        fixed (float* src = from)
        fixed (float* dst = to)
        fixed (double* hOut = h)
        fixed (byte* maskOut = mask)
        {
            inliers = Check(VisionNative.pdb_find_homography(src, dst, mask.Length, (float)reprojectionPixels, hOut, maskOut),
                "pdb_find_homography");
        }

        return (inliers > 0 ? new Homography(h) : null, mask.Select(m => m != 0).ToArray());
    }

    private static int Check(int result, string function) =>
        result >= 0 ? result : throw new InvalidOperationException($"{function} failed with code {result} "
            + (result == -1 ? "(bad arguments)." : "(OpenCV error)."));
}
