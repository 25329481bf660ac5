namespace PatchDb.Api.Contracts;

public sealed record SearchResponse(IReadOnlyList<GroupMatchResponse> Matches, IReadOnlyList<ImageMatchResponse> UngroupedMatches, string ModelId);
