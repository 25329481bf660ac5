using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PatchDb.Api.Options;

namespace PatchDb.Api.Auth;

/// <summary>The HMAC key that signs and validates access tokens. Outside Development a configured key is mandatory;
/// in Development a random per-process key is used (tokens then die with the process).</summary>
public sealed class SigningKeyProvider
{
    public const int MinimumKeyBytes = 32;

    public SigningKeyProvider(IOptions<JwtOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Jwt:SigningKey is not configured. Set it (at least 32 bytes, e.g. base64 of 32 random bytes) outside Development.");
            }
            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MinimumKeyBytes));
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes long.");
        }
        Key = new SymmetricSecurityKey(bytes);
    }

    public SymmetricSecurityKey Key { get; }
}
