using System.Text;
using Microsoft.Extensions.Options;
using PatchDb.Api.Auth;

namespace PatchDb.Api.Options;

/// <summary>Refuses to start outside Development without a signing key (ValidateOnStart).</summary>
public sealed class JwtOptionsValidator(IHostEnvironment environment) : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Jwt:SigningKey must be configured outside Development.");
        }
        return Encoding.UTF8.GetByteCount(options.SigningKey) < SigningKeyProvider.MinimumKeyBytes
            ? ValidateOptionsResult.Fail($"Jwt:SigningKey must be at least {SigningKeyProvider.MinimumKeyBytes} bytes long.")
            : ValidateOptionsResult.Success;
    }
}
