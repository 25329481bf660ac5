namespace PatchDb.Web.Services.Models;

/// <summary>A group of photos of one design (listed under "patches" on the wire). <c>Copies</c> came later: an Api
/// without it reads as one copy.</summary>
public sealed record PatchGroup(Guid Id, IReadOnlyList<PatchImage> Images, string Name, bool IsFavorite, int Copies = 1)
{
    /// <summary>The copies beyond the first, which the collector can trade.</summary>
    public int Spares => Math.Max(Copies - 1, 0);
}
