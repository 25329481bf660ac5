namespace PatchDb.Web.Services.Import;

/// <summary>
/// When to try an upload again: after a 429 as long as the Api's Retry-After says (the token bucket refills), and
/// after transient failures (Api unreachable, 5xx, 408, a 409 "same key still in progress") with a growing pause.
/// Every retry sends the same Idempotency-Key, so a retry of an upload that did arrive cannot store it twice.
/// </summary>
public static class UploadRetryPolicy
{
    public const int MaxTransientAttempts = 6;
    public const int MaxRateLimitedAttempts = 60;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <returns>The pause before the next attempt, or null to give up.</returns>
    public static TimeSpan? DelayBeforeRetry(ApiException failure, int transientAttempts, int rateLimitedAttempts)
    {
        if (failure.Status == 429)
        {
            return rateLimitedAttempts >= MaxRateLimitedAttempts ? null : Clamp(failure.RetryAfter ?? TimeSpan.FromSeconds(1));
        }

        if (!IsTransient(failure) || transientAttempts >= MaxTransientAttempts)
        {
            return null;
        }

        return failure.RetryAfter is { } asked ? Clamp(asked) : Clamp(TimeSpan.FromSeconds(Math.Pow(2, transientAttempts - 1)));
    }

    public static bool IsTransient(ApiException failure) =>
        failure.IsUnreachable || failure.Status is 408 or 409 or >= 500;

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
}
