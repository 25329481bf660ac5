namespace PatchDb.Api.Contracts;

public sealed record UserResponse(Guid Id, string Username);
