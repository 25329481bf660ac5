namespace PatchDb.Web.Services;

/// <summary>Only same-site paths may be redirect targets (no open redirects).</summary>
public static class ReturnUrls
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
