using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.LocalFeatures;
using PatchDb.Embedder.Models.Clip;
using PatchDb.Embedder.Onnx;
using PatchDb.Embedder.Services;
using PatchDb.ServiceDefaults;
using StackExchange.Redis;

namespace PatchDb.Embedder.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmbedderOptions>().BindConfiguration(EmbedderOptions.SectionName)
            .Validate(o => o.IsValid(), "Embedder: Model must be classic-v1 or clip-vit-b32; MaxBatchSize 1–64; "
                + "MaxBatchWaitMilliseconds 0–1000; MaxConcurrentAnalyses 1–1024; CacheTimeToLive positive.")
            .ValidateOnStart();
        services.AddOptions<ClipModelOptions>().BindConfiguration(ClipModelOptions.SectionName)
            .Validate(o => o.IntraOpThreads >= 1 && (o.ModelPath is not null || o.CacheDir.Length > 0),
                "Embedder:Clip: IntraOpThreads must be at least 1 and ModelPath or CacheDir set.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Revision) && Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https", "Embedder:Clip: Revision must be set and Endpoint an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<OnnxOptions>().BindConfiguration(OnnxOptions.SectionName)
            .Validate(o => Enum.IsDefined(o.Device), "Embedder:Onnx: Device must be cpu or cuda.")
            .ValidateOnStart();
        services.AddOptions<ImageLimits>().BindConfiguration(ImageLimits.SectionName)
            .Validate(o => o.MaxBytes > 0 && o.MaxPixels > 0, "Embedder:Limits: MaxBytes and MaxPixels must be positive.")
            .ValidateOnStart();

        services.AddOptions<LocalFeatureOptions>().BindConfiguration(LocalFeatureOptions.SectionName)
            .Validate(o => o.IsValid(), "Embedder:LocalFeatures: MaxFeatures 10–4096; Ratio in (0, 1]; "
                + "ReprojectionPixels in (0, 50]; MaxCandidates 1–1024.")
            .ValidateOnStart();

        services.AddJsonBindingProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        services.AddSingleton(sp => new PhotoDecoder(sp.GetRequiredService<IOptions<ImageLimits>>().Value));
        services.AddSingleton<EmbedderTelemetry>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ActiveModel>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveModel>());
        services.AddSingleton<EmbeddingBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddingBatcher>());
        services.AddSingleton<AnalysisCache>();
        services.AddSingleton<LocalFeatureService>();
        services.AddSingleton<WholePhotoEmbedder>();
        services.AddSingleton<PhotoAnalyzer>();
        services.AddSingleton<AnalysisThrottle>();
        services.AddSingleton<AnalysisServices>();

        // Redis only caches: while it is down the Embedder still answers, so /health says Degraded, not Unhealthy.
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("cache")))
        {
            // Start while Redis is away, and miss at once (no backlog) until it is back.
            builder.AddRedisClient("cache", configureOptions: redis =>
            {
                redis.AbortOnConnectFail = false;
                redis.BacklogPolicy = BacklogPolicy.FailFast;
            });
            services.PostConfigure<HealthCheckServiceOptions>(health =>
            {
                foreach (var redis in health.Registrations.Where(r => r.Name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)))
                {
                    redis.FailureStatus = HealthStatus.Degraded;
                }
            });
        }
    }

    /// <summary>Errors as problem+json: unhandled exceptions, bodyless status codes, and a body the endpoint could not
    /// bind (not JSON, or a blob field that is not base64), which is the client's 400 naming the field and not worth
    /// an error log.</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }
}
