using PatchDb.Web.Services.Models;

namespace PatchDb.Tests.Web;

/// <summary>Wire-shaped values for rendering components with data passed as parameters.</summary>
internal static class TestData
{
    private static readonly Guid s_user = Guid.CreateVersion7();

    public static PatchImage Image() => Image(Guid.CreateVersion7());

    public static PatchImage Image(Guid id) => new(id, $"/{s_user}/images/{id}");

    public static PatchGroup Group(string name, int photos, bool favorite = false) =>
        new(Guid.CreateVersion7(), Enumerable.Range(0, photos).Select(_ => Image()).ToList(), name, favorite);

    public static GroupMatch Match(string group, double score)
    {
        var image = Image();
        return new GroupMatch(Guid.CreateVersion7(), group, false, image.Id, image.Path, score);
    }
}
