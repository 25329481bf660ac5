using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace PatchDb.ServiceDefaults.Resilience;

/// <summary>Total timeout → retry → circuit breaker → attempt timeout, outermost first (the order Microsoft's
/// standard handler uses).</summary>
public static class StandardResiliencePipeline
{
    /// <summary>The request being sent, so the retry can ask whether it may be sent again.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("PatchDb.Resilience.Request");

    public static ResiliencePipeline<HttpResponseMessage> Build(HttpResilienceOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(options.TotalRequestTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) && MayRetry(args.Context)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                // A failed attempt's response is replaced by the next one; release its connection now.
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();

    /// <summary>Connection failures, timeouts, 408, 429 and 5xx — except 501 and 505, which no retry will change.</summary>
    public static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)response.StatusCode >= 500
            && response.StatusCode is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && IsTransient(response));

    private static bool MayRetry(ResilienceContext context) =>
        context.Properties.TryGetValue(RequestKey, out var request) && ResilienceRequestOptions.IsRetryable(request);
}
