namespace PatchDb.Api.Contracts;

public sealed record GroupListItem(Guid Id, IReadOnlyList<ImageRefResponse> Images, string Name, bool IsFavorite);
