using PatchDb.ServiceDefaults.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

public static class ResilienceExtensions
{
    public static IServiceCollection AddStandardResilience(this IServiceCollection services)
    {
        services.AddOptions<HttpResilienceOptions>().BindConfiguration(HttpResilienceOptions.SectionName).ValidateOnStart();
        services.AddSingleton<ResiliencePipelineCache>();
        return services;
    }

    /// <summary>Adds the standard handler: total timeout, retries with backoff, circuit breaker, attempt timeout.</summary>
    public static IHttpClientBuilder AddStandardResilienceHandler(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(sp => new StandardResilienceHandler(sp.GetRequiredService<ResiliencePipelineCache>()));
}
