using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PatchDb.ServiceDefaults;

/// <summary>
/// Which requests the standard resilience handler may send again. Methods HTTP defines as idempotent are retried; a
/// POST or PATCH only when the caller marks it (for example a pure function of its body), so an upload is never
/// stored twice. The standard handler has DisableFor(methods) but no per-request opt-in, hence this.
/// </summary>
public static class IdempotentRequests
{
    public static readonly HttpRequestOptionsKey<bool> Key = new("PatchDb.Resilience.Idempotent");

    /// <summary>Marks the request as safe to send again and returns it.</summary>
    public static HttpRequestMessage AsIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(Key, true);
        return request;
    }

    public static bool MayRetry(HttpRequestMessage request) =>
        request.Method != HttpMethod.Post && request.Method != HttpMethod.Patch && request.Method != HttpMethod.Connect
        || (request.Options.TryGetValue(Key, out var idempotent) && idempotent);

    /// <summary>Transient failures as the package defines them, except 501 and 505 (no retry changes them), and only
    /// for requests that <see cref="MayRetry"/>.</summary>
    public static void RetryOnlyIdempotent(HttpRetryStrategyOptions retry)
    {
        retry.ShouldHandle = args => ValueTask.FromResult(
            HttpClientResiliencePredicates.IsTransient(args.Outcome)
            && args.Outcome.Result?.StatusCode is not (System.Net.HttpStatusCode.NotImplemented or System.Net.HttpStatusCode.HttpVersionNotSupported)
            && args.Context.GetRequestMessage() is { } request && MayRetry(request));
    }
}
