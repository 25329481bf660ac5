using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PatchDb.Embedder.Apis;
using PatchDb.Embedder.Imaging;
using PatchDb.Embedder.Services;
using PatchDb.ServiceDefaults.Redis;

namespace PatchDb.Embedder.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmbedderOptions>().BindConfiguration(EmbedderOptions.SectionName)
            .Validate(o => o.IsValid(), "Embedder: Model must be classic-v1 or clip-vit-b32; MaxBatchSize 1–64; "
                + "MaxBatchWaitMilliseconds 0–1000; CacheTimeToLive positive.")
            .ValidateOnStart();
        services.AddOptions<ImageLimits>().BindConfiguration(ImageLimits.SectionName)
            .Validate(o => o.MaxBytes > 0 && o.MaxPixels > 0, "Embedder:Limits: MaxBytes and MaxPixels must be positive.")
            .ValidateOnStart();

        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        services.AddSingleton(sp => new PhotoDecoder(sp.GetRequiredService<IOptions<ImageLimits>>().Value));
        services.AddSingleton<EmbedderTelemetry>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ActiveModel>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveModel>());
        services.AddSingleton<EmbeddingBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddingBatcher>());
        services.AddSingleton<AnalysisCache>();
        services.AddSingleton<PhotoAnalyzer>();
        services.AddSingleton<AnalysisServices>();

        // Redis only caches: while it is down the Embedder still answers, so /health says Degraded, not Unhealthy.
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("cache")))
        {
            builder.AddRedisClient("cache", HealthStatus.Degraded);
        }

        services.ConfigureOpenTelemetryMeterProvider(m => m.AddMeter(EmbedderTelemetry.Name));
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(EmbedderTelemetry.Name));
    }
}
