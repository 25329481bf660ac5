namespace PatchDb.Api.Contracts;

public sealed record CreateUserRequest(string? Username, string? Password);
