namespace PatchDb.Web.Services;

/// <summary>
/// Turns an Api image <c>path</c> into a URL of this app's image proxy (<c>/img/...</c>): browsers cannot send
/// the bearer token on an &lt;img&gt;, so the proxy adds it server-side.
/// </summary>
public static class ImageUrls
{
    public const string Prefix = "img/";

    public static string For(string apiPath)
    {
        var pathAndQuery = Uri.TryCreate(apiPath, UriKind.Absolute, out var absolute)
            ? absolute.PathAndQuery
            : apiPath;
        return Prefix + pathAndQuery.TrimStart('/');
    }
}
