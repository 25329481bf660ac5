using System.Runtime.InteropServices;

namespace PatchDb.Embedder.LocalFeatures;

/// <summary>The shim in Native/patchdb_vision.cpp (built by this project into libpatchdb_vision.so next to the
/// assembly). Every function returns a negative code on failure; none throws across the boundary.</summary>
internal static unsafe partial class VisionNative
{
    public const string Library = "libpatchdb_vision.so";

    [LibraryImport(Library)]
    public static partial int pdb_features(byte* rgb, int width, int height, int stride, int maxFeatures,
        float* xyOut, byte* descOut, int capacity);

    [LibraryImport(Library)]
    public static partial int pdb_verify(float* queryXy, byte* queryDesc, int queryCount, float* candidateXy,
        byte* candidateDesc, int candidateCount, float ratio, float reprojection, double* homographyOut);

    [LibraryImport(Library)]
    public static partial int pdb_find_homography(float* srcXy, float* dstXy, int count, float reprojection,
        double* homographyOut, byte* inlierMaskOut);
}
