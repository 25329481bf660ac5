namespace PatchDb.Api.Contracts;

// The refresh fields come last: clients that only read the access token are unaffected.
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken = null, int? RefreshExpiresIn = null);
