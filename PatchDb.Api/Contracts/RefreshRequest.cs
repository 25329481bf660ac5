namespace PatchDb.Api.Contracts;

public sealed record RefreshRequest(string? RefreshToken);
