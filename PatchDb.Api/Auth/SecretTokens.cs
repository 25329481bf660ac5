using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PatchDb.Api.Auth;

/// <summary>Bearer secrets that are looked up, not verified (refresh tokens, share links): 256 random bits, of which
/// only the SHA-256 is stored, so a copy of the database opens nothing.</summary>
public static class SecretTokens
{
    public const int Bytes = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Rejects strings that cannot be a token before they reach the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: > 0 and <= 64 } && Base64Url.IsValid(token, out var length) && length == Bytes;
}
