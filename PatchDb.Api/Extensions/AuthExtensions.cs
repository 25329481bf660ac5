using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using PatchDb.Api.Auth;
using PatchDb.Api.Options;

namespace PatchDb.Api.Extensions;

internal static class AuthExtensions
{
    public static void AddAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<RefreshTokens>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<JwtOptions>>((bearer, keys, jwt) =>
            {
                // Keep "sub" as "sub" rather than the long WS-* claim type names.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = TokenService.ValidationParameters(keys, jwt.Value);
            });
        services.AddAuthorization();
    }
}
