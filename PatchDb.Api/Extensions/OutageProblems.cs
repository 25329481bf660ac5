using Microsoft.AspNetCore.Http;
using Npgsql;

namespace PatchDb.Api.Extensions;

/// <summary>
/// Unhandled exceptions that are an outage of something the Api depends on, not a bug: the database unreachable or
/// shutting down answers 503, the blob disk full 507, both as problem+json with Retry-After, so a client retries
/// the same request (under its Idempotency-Key) instead of reporting a server error.
/// </summary>
internal static class OutageProblems
{
    // ENOSPC on Linux (IOException.HResult is the errno there); ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    private const int Enospc = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const string RetryAfterSeconds = "5";

    public static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsDiskFull(exception) => StatusCodes.Status507InsufficientStorage,
        _ when IsDatabaseUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Titles the problem and asks for a retry later.</summary>
    public static void Describe(ProblemDetailsContext context)
    {
        if (context.Exception is not { } exception)
        {
            return;
        }
        var (title, detail) = StatusCodeOf(exception) switch
        {
            StatusCodes.Status507InsufficientStorage => ("Insufficient storage", "The image store is full; retry later."),
            StatusCodes.Status503ServiceUnavailable => ("Service unavailable", "The database is unavailable; retry shortly."),
            _ => (null, null),
        };
        if (title is not null)
        {
            context.ProblemDetails.Title = title;
            context.ProblemDetails.Detail = detail;
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
    }

    private static bool IsDiskFull(Exception exception) =>
        Chain(exception).Any(e => e is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull });

    // Npgsql marks connection failures, timeouts and the server's shutdown / start-up errors (57P0x) as transient;
    // a constraint violation is not, and stays a 500.
    private static bool IsDatabaseUnavailable(Exception exception) =>
        Chain(exception).Any(e => e is NpgsqlException { IsTransient: true });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
