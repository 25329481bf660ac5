namespace PatchDb.ServiceDefaults.Resilience;

/// <summary>Per-request settings of the standard resilience handler.</summary>
public static class ResilienceRequestOptions
{
    /// <summary>Marks a POST or PATCH as safe to send again (for example a pure function of its body). Without it
    /// only the methods HTTP defines as idempotent are retried, so an upload is never stored twice.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("PatchDb.Resilience.Idempotent");

    public static bool IsRetryable(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
        || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete || request.Method == HttpMethod.Trace
        || (request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent);

    /// <summary>Marks the request as safe to retry and returns it.</summary>
    public static HttpRequestMessage AsIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(Idempotent, true);
        return request;
    }
}
