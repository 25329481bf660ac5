using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using PatchDb.Api.Apis;
using Microsoft.IdentityModel.JsonWebTokens;
using PatchDb.Api.Options;
using PatchDb.ServiceDefaults;

namespace PatchDb.Api.Extensions;

internal static class WebExtensions
{
    /// <summary>The collector's address as the Web saw it.</summary>
    public const string ClientAddressHeader = "X-PatchDb-Client-Address";

    public static void AddWebDefaults(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.PropertyNameCaseInsensitive = true;
        });
        services.AddJsonBindingProblemDetails(OutageProblems.Describe);
        services.AddOpenApi();
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The Web calls the Api for every collector, so the login limit needs the browser's address, which the Web
        // names in its own header (a proxy between them appends to X-Forwarded-For, never to this one). It is believed
        // only from loopback, unless ASPNETCORE_FORWARDEDHEADERS_ENABLED (Aspire sets it in the published manifest, where
        // the Api's ingress is internal and only the Web reaches it) trusts the environment's network.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.ForwardedForHeaderName = ClientAddressHeader;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(UsersApi.LoginRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.LoginPermitLimit, Window = limits.LoginWindow }));
            // Per authenticated caller (not per path), so nobody can use up another user's quota.
            // A token bucket: a bulk import may spend the whole bucket at once, then continues at the refill rate.
            // The limiter lives in each replica's memory, so N replicas allow up to N times these numbers.
            limiter.AddPolicy(PatchesApi.UploadRateLimitPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.UploadPermitLimit,
                    TokensPerPeriod = limits.UploadTokensPerPeriod,
                    ReplenishmentPeriod = limits.UploadReplenishmentPeriod,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "Rate limit exceeded; retry later.").ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>Forwarded client address, error shaping, authentication, authorization, rate limiting and the OpenAPI document.</summary>
    public static WebApplication UseApiMiddleware(this WebApplication app)
    {
        // Errors without a body (401, 404 of unknown routes, 405) and unhandled exceptions become problem+json too.
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = OutageProblems.StatusCodeOf,
            // A client's malformed request is not a server error worth an error log.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        return app;
    }
}
