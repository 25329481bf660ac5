namespace PatchDb.Api.Contracts;

// Copies comes after the original fields, so older clients read the list unchanged.
public sealed record GroupListItem(Guid Id, IReadOnlyList<ImageRefResponse> Images, string Name, bool IsFavorite, int Copies);
