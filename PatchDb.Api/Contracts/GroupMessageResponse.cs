namespace PatchDb.Api.Contracts;

public sealed record GroupMessageResponse(string Message, Guid Id, string Name, bool IsFavorite);
