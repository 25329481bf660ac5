namespace PatchDb.Api.Contracts;

public sealed record SetCopiesRequest(int? Copies);
