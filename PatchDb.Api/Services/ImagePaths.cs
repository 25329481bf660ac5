namespace PatchDb.Api.Services;

/// <summary>The URLs of the image bytes endpoint, which are the <c>path</c> values of every response.</summary>
public static class ImagePaths
{
    public const string Thumbnail = "thumbnail";
    public const string Square = "square";

    public static string Original(Guid userId, Guid imageId) => $"/{userId}/images/{imageId}";

    public static string Variant(Guid userId, Guid imageId, string variant) => $"{Original(userId, imageId)}/{variant}";
}
