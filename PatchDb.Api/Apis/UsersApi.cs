using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchDb.Api.Auth;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Model;

namespace PatchDb.Api.Apis;

public static partial class UsersApi
{
    public const string LoginRateLimitPolicy = "login";
    private const int MinimumPasswordLength = 8;

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user", CreateUser).WithName("CreateUser").AllowAnonymous();
        app.MapPost("/login", Login).WithName("Login").AllowAnonymous().RequireRateLimiting(LoginRateLimitPolicy);
        return app;
    }

    public static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, PatchDbContext db, IPasswordHasher<User> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var username = request.Username?.Trim();
        if (string.IsNullOrEmpty(username) || username.Length > 64 || !UsernamePattern().IsMatch(username))
        {
            errors["username"] = ["The username must be 1 to 64 letters, digits, '.', '_' or '-'."];
        }
        if (request.Password is null || request.Password.Length < MinimumPasswordLength)
        {
            errors["password"] = [$"The password must be at least {MinimumPasswordLength} characters long."];
        }
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            Username = username!,
            NormalizedUsername = username!.ToLowerInvariant(),
            PasswordHash = "",
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Username taken", $"The username '{username}' is already taken.");
        }
        return TypedResults.Created($"/{user.Id}/patches", new UserResponse(user.Id, user.Username));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, PatchDbContext db, IPasswordHasher<User> hasher, TokenService tokens, RefreshTokens refresh,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Username))
            {
                errors["username"] = ["The username is required."];
            }
            if (string.IsNullOrEmpty(request.Password))
            {
                errors["password"] = ["The password is required."];
            }
            return Problems.Invalid(errors);
        }
        var normalized = request.Username.Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        var verdict = user is null ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Login failed", "Unknown username or wrong password.");
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password);
            await db.SaveChangesAsync(cancellationToken);
        }
        var (token, lifetime) = tokens.Issue(user.Id, user.Username);
        var refreshToken = await refresh.IssueAsync(db, user.Id, Guid.CreateVersion7(), cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds, refreshToken,
            (int)RefreshTokens.Lifetime.TotalSeconds));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex UsernamePattern();
}
