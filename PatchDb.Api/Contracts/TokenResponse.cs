namespace PatchDb.Api.Contracts;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
