using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services;

/// <summary>
/// Turns an Api image <c>path</c> into a URL of this app's image proxy (<c>/img/...</c>): browsers cannot send
/// the bearer token on an &lt;img&gt;, so the proxy adds it server-side.
/// </summary>
public static class ImageUrls
{
    public const string Prefix = "img/";

    /// <summary>The Api's 512 px square (the image centred on black), for cards.</summary>
    public const string Square = "square";

    /// <summary>The Api's thumbnail (fits 128 px), for small strips.</summary>
    public const string Thumbnail = "thumbnail";

    /// <param name="apiPath">A <c>path</c> from the Api (the original image).</param>
    /// <param name="variant">null for the original, or <see cref="Square"/> / <see cref="Thumbnail"/>.</param>
    public static string For(string apiPath, string? variant = null)
    {
        var path = Uri.TryCreate(apiPath, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : apiPath;
        path = path.Trim('/');
        return variant is null ? Prefix + path : $"{Prefix}{path}/{variant}";
    }

    /// <summary>A cover: the patch cut out of the photo when the Api has a confident cut-out, else the square.</summary>
    public static string Cover(PatchImage image) => image.CutoutPath is { } cutout ? For(cutout) : For(image.Path, Square);

    /// <inheritdoc cref="Cover(PatchImage)"/>
    public static string Cover(GroupMatch match) => match.CutoutPath is { } cutout ? For(cutout) : For(match.Path, Square);

    /// <summary>A group's cover photo: its first photo with a cut-out, else its first photo.</summary>
    public static PatchImage? CoverImage(PatchGroup group) =>
        group.Images.FirstOrDefault(i => i.CutoutPath is not null) ?? group.Images.FirstOrDefault();
}
