using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace PatchDb.ServiceDefaults.Telemetry;

/// <summary>What OpenTelemetry.Extensions.Hosting's builder is (that package is not available here): the
/// SDK's own WithTracing/WithMetrics/WithLogging register the providers in the service collection.</summary>
internal sealed class OpenTelemetryServicesBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services => services;
}
