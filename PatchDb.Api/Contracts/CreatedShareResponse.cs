namespace PatchDb.Api.Contracts;

public sealed record CreatedShareResponse(Guid Id, string Token, string Path, string Scope, Guid? GroupId, DateTimeOffset CreatedAt);
