namespace PatchDb.Api.Contracts;

public sealed record PatchListResponse(IReadOnlyList<GroupListItem> Patches, IReadOnlyList<ImageRefResponse> UngroupedPatches);
