namespace PatchDb.Web.Services.Models;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken = null, int? RefreshExpiresIn = null);
