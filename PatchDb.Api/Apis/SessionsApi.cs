using Microsoft.AspNetCore.Http.HttpResults;
using PatchDb.Api.Auth;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;

namespace PatchDb.Api.Apis;

/// <summary>Sessions that outlast an access token: <c>POST /refresh</c> rotates a refresh token, <c>POST /logout</c>
/// ends its chain.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        // Not rate limited like /login: a refresh token cannot be guessed, and every session of the Web comes from one address.
        app.MapPost("/refresh", Refresh).WithName("Refresh").AllowAnonymous();
        app.MapPost("/logout", Logout).WithName("Logout").AllowAnonymous();
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, PatchDbContext db, TokenService tokens, RefreshTokens refresh, CancellationToken cancellationToken)
    {
        var outcome = await refresh.RotateAsync(db, request.RefreshToken, cancellationToken);
        if (outcome.Token is null)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Refresh refused",
                outcome.Reused
                    ? "This refresh token was already used; the session it belonged to has been ended. Please sign in again."
                    : "Unknown, expired or revoked refresh token. Please sign in again.");
        }
        var (token, lifetime) = tokens.Issue(outcome.UserId!.Value, outcome.Username!);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, outcome.Token,
            (int)RefreshTokens.Lifetime.TotalSeconds));
    }

    public static async Task<NoContent> Logout(RefreshRequest request, PatchDbContext db, RefreshTokens refresh,
        CancellationToken cancellationToken)
    {
        await refresh.RevokeAsync(db, request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }
}
