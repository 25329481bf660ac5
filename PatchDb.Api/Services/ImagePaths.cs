namespace PatchDb.Api.Services;

/// <summary>The URLs of the image bytes endpoint, which are the <c>path</c> values of every response.</summary>
public static class ImagePaths
{
    public const string Thumbnail = "thumbnail";
    public const string Square = "square";
    public const string Cutout = "cutout";

    public static string Original(Guid userId, Guid imageId) => $"/{userId}/images/{imageId}";

    public static string Variant(Guid userId, Guid imageId, string variant) => $"{Original(userId, imageId)}/{variant}";

    /// <summary>The cut-out's path when it exists and is confident enough to be shown; otherwise null.</summary>
    public static string? CutoutOrNull(Guid userId, Guid imageId, string? cutoutSha256, double? confidence, double minConfidence) =>
        cutoutSha256 is not null && confidence >= minConfidence ? Variant(userId, imageId, Cutout) : null;

    /// <summary>An image reference with its cut-out fields.</summary>
    public static Contracts.ImageRefResponse Ref(Guid userId, Guid imageId, string? cutoutSha256, double? confidence, double minConfidence) =>
        new(imageId, Original(userId, imageId), CutoutOrNull(userId, imageId, cutoutSha256, confidence, minConfidence), confidence);
}
