namespace PatchDb.Web.Services.Models;

public sealed record CollectionResponse(IReadOnlyList<PatchGroup> Patches, IReadOnlyList<PatchImage> UngroupedPatches);
