using OpenCvSharp;
using OpenCvSharp.Features2D;
using PatchDb.Embedder.Models;
using PatchDb.Embedder.Vision;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>
/// Local features (SIFT with quantised RootSIFT descriptors) and their geometric verification (ratio-test matching,
/// RANSAC homography) on OpenCV through OpenCvSharp. Arrays in and out; OpenCV failures become
/// <see cref="InvalidOperationException"/>.
/// </summary>
public static class OpenCvVision
{
    private const int MaxRansacIterations = 2000;
    private const double RansacConfidence = 0.995;

    /// <summary>Whether OpenCV's native library loads here (it links GTK 3: Debian's libgtk-3-0); the reason if not.</summary>
    public static bool TryLoad(out string? error)
    {
        try
        {
            _ = Cv2.GetVersionString();
            error = null;
            return true;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or BadImageFormatException
            or EntryPointNotFoundException)
        {
            error = (e.InnerException ?? e).Message;
            return false;
        }
    }

    /// <summary>SIFT keypoints of the image with quantised RootSIFT descriptors, at most <paramref name="maxFeatures"/>.</summary>
    public static LocalFeatureSet Extract(RgbImage image, int maxFeatures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFeatures);
        try
        {
            using var rgb = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC3, image.Pixels, image.Stride);
            using var gray = new Mat();
            Cv2.CvtColor(rgb, gray, ColorConversionCodes.RGB2GRAY);
            using var sift = SIFT.Create(maxFeatures);
            using var descriptors = new Mat();
            sift.DetectAndCompute(gray, null, out var keypoints, descriptors);
            var count = Math.Min(keypoints.Length, maxFeatures);
            var xy = new float[2 * count];
            for (var i = 0; i < count; i++)
            {
                (xy[2 * i], xy[2 * i + 1]) = (keypoints[i].Pt.X, keypoints[i].Pt.Y);
            }

            var raw = Array.Empty<float>();
            if (count > 0)
            {
                descriptors.GetArray(out raw);
            }

            return new LocalFeatureSet(image.Width, image.Height, xy, RootSift.Quantise(raw, count), ChromaGrid.Of(image));
        }
        catch (OpenCvSharpException e)
        {
            throw new InvalidOperationException($"OpenCV could not extract features: {e.Message}", e);
        }
    }

    /// <summary>RANSAC inliers among the ratio-test matches of query to candidate, and the homography mapping query
    /// points onto the candidate (null when no plausible one exists, then inliers are 0).</summary>
    public static (int Inliers, Homography? QueryToCandidate) Verify(
        LocalFeatureSet query, LocalFeatureSet candidate, double ratio, double reprojectionPixels)
    {
        var (h, _, _, inliers) = VerifyMatches(query, candidate, ratio, reprojectionPixels);
        return (inliers.Count(x => x), h);
    }

    /// <summary>As <see cref="Verify"/>, weighed by colour (<see cref="ColourWeighed"/>).</summary>
    public static int VerifyColourConsistent(LocalFeatureSet query, LocalFeatureSet candidate, double ratio, double reprojectionPixels)
    {
        var (h, from, _, inliers) = VerifyMatches(query, candidate, ratio, reprojectionPixels);
        return ColourWeighed(query, candidate, h, from, inliers);
    }

    /// <summary>The inlier count times (1 + share of the matched region whose colours agree, <see cref="ColourAgreement"/>)
    /// / 2, so colours that disagree everywhere halve it; the plain count when either side has no chroma grid. Half, not
    /// all: renders and phone photos of one design still disagree over part of the region (shading, glare), and a full
    /// penalty cost the patches benchmark known designs.</summary>
    internal static int ColourWeighed(LocalFeatureSet query, LocalFeatureSet candidate, Homography? h, float[] from, bool[] inliers) =>
        Weighed(inliers.Count(x => x), ColourShare(query, candidate, h, from, inliers));

    /// <summary>The share of the inliers' region whose colours agree (<see cref="ColourAgreement"/>); null without a
    /// homography, inliers or chroma grids.</summary>
    internal static double? ColourShare(LocalFeatureSet query, LocalFeatureSet candidate, Homography? h, float[] from, bool[] inliers) =>
        h is null || !inliers.Contains(true) ? null : ColourAgreement.Of(query, candidate, h, from, inliers);

    /// <summary>A count of inliers weighed by a colour share (<see cref="ColourWeighed"/>): fewer than the homography's
    /// for <see cref="DistinctiveInliers"/>, whose colours are still those of all of them.</summary>
    internal static int Weighed(int count, double? share) => share is { } s ? (int)Math.Round(count * (1 + s) / 2) : count;

    /// <summary>The ratio-test matches (query points, candidate points), the plausible RANSAC homography or null, and
    /// which matches are its inliers (none without one).</summary>
    internal static (Homography? H, float[] From, float[] To, bool[] Inliers) VerifyMatches(
        LocalFeatureSet query, LocalFeatureSet candidate, double ratio, double reprojectionPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratio);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1);
        var (from, to, _) = FeatureMatches.OneToOne(query, candidate, FeatureMatches.Nearest(query, candidate), ratio);
        var (h, inliers) = VerifyMatches(from, to, reprojectionPixels);
        return (h, from, to, inliers);
    }

    /// <summary>The plausible RANSAC homography of matches already found, or null, and which matches are its inliers
    /// (none without one).</summary>
    internal static (Homography? H, bool[] Inliers) VerifyMatches(float[] from, float[] to, double reprojectionPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reprojectionPixels);
        try
        {
            if (from.Length / 2 < FeatureMatches.MinGoodMatches)
            {
                return (null, []);
            }

            var (h, inliers) = Ransac(from, to, reprojectionPixels);
            return h is null || !Plausible(h) ? (null, []) : (h, inliers);
        }
        catch (OpenCvSharpException e)
        {
            throw new InvalidOperationException($"OpenCV could not verify the features: {e.Message}", e);
        }
    }

    /// <summary>cv::findHomography with USAC over known correspondences (x0, y0, x1, y1, …).</summary>
    public static (Homography? Homography, bool[] Inliers) FindHomography(float[] from, float[] to, double reprojectionPixels)
    {
        if (from.Length != to.Length || from.Length % 2 != 0 || from.Length < 8)
        {
            throw new ArgumentException("Give at least 4 correspondences, as many sources as destinations.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reprojectionPixels);
        return Ransac(from, to, reprojectionPixels);
    }

    private static (Homography? Homography, bool[] Inliers) Ransac(float[] from, float[] to, double reprojectionPixels)
    {
        var count = from.Length / 2;
        using var src = Mat.FromPixelData(count, 1, MatType.CV_32FC2, from);
        using var dst = Mat.FromPixelData(count, 1, MatType.CV_32FC2, to);
        using var mask = new Mat();
        // USAC's fast settings (SPRT, local optimisation): the inlier counts of classic RANSAC within one or two on the
        // grocery pairs compared, without running all 2000 iterations on few, mostly wrong, matches; seeded, so the same
        // input gives the same count.
        using var h = Cv2.FindHomography(src, dst, HomographyMethods.USAC_FAST, reprojectionPixels, mask, MaxRansacIterations,
            RansacConfidence);
        var inliers = new bool[count];
        if (h.Empty())
        {
            return (null, inliers);
        }

        var rows = mask.Rows;
        for (var i = 0; i < count && i < rows; i++)
        {
            inliers[i] = mask.Get<byte>(i) != 0;
        }

        var values = new double[9];
        for (var i = 0; i < 9; i++)
        {
            values[i] = h.Get<double>(i / 3, i % 3);
        }

        return (new Homography(values), inliers);
    }

    // |det| of the affine 2×2 part outside this range means the fit collapsed or exploded the image: not a view
    // change a photo of the same flat object can produce, so the inliers are coincidences.
    private static bool Plausible(Homography h)
    {
        var m = h.H;
        var det = m[0] * m[4] - m[1] * m[3];
        return double.IsFinite(det) && Math.Abs(det) is >= 0.05 and <= 20.0;
    }
}
