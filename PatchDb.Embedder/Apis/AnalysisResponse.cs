namespace PatchDb.Embedder.Apis;

/// <summary>Everything PatchDb.Api needs to know about one photo (serialised snake_case; byte arrays as base64).
/// <paramref name="LocalFeatures"/> is the photo's PDLF blob for /v1/verify, null when local features are off or
/// unavailable. <paramref name="CutoutWebp"/> is the patch cut out of the photo, rectified, transparent outside its
/// outline (null when no outline was found); <paramref name="CutoutConfidence"/> how sure the segmentation is, 0..1.
/// <paramref name="AuxiliaryEmbeddings"/> are shortlist-only descriptors of other model ids (null when unavailable);
/// <paramref name="Patch"/> is where the patch was found.</summary>
public sealed record AnalysisResponse(
    string ModelId,
    float[] Embedding,
    string Sha256,
    int Width,
    int Height,
    string Format,
    byte[] ThumbnailWebp,
    byte[] SquareWebp,
    bool Cached,
    byte[]? LocalFeatures = null,
    byte[]? CutoutWebp = null,
    double? CutoutConfidence = null,
    IReadOnlyList<AuxiliaryEmbedding>? AuxiliaryEmbeddings = null,
    PatchOutlineResponse? Patch = null);
