namespace PatchDb.Web.Services.Models;

/// <summary>A group of photos of one design (listed under "patches" on the wire).</summary>
public sealed record PatchGroup(Guid Id, IReadOnlyList<PatchImage> Images, string Name, bool IsFavorite);
