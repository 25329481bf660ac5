namespace PatchDb.Web.Components.Shared;

public static class PhotoCount
{
    public static string Describe(int count) => count == 1 ? "1 photo" : $"{count} photos";
}
