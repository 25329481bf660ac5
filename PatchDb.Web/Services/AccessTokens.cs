using System.Buffers.Text;
using System.Text.Json;

namespace PatchDb.Web.Services;

/// <summary>
/// Reads the user id from an Api access token (a JWT) the Api has just issued to us. Nothing is validated here:
/// the Api validates its own tokens on every call; the Web only needs to know which <c>/{user_id}/</c> to use.
/// </summary>
public static class AccessTokens
{
    private static readonly string[] UserIdClaims = ["sub", "user_id", "nameid", "uid"];

    public static Guid? ReadUserId(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            foreach (var name in UserIdClaims)
            {
                if (payload.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    && Guid.TryParse(value.GetString(), out var id))
                {
                    return id;
                }
            }
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            // Not a JWT we can read.
        }

        return null;
    }
}
