using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PatchDb.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Sources every PatchDb service listens to: the framework's built-in instrumentation plus our own.</summary>
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "Microsoft.AspNetCore.Components*", "PatchDb.*"];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Components*",
        "System.Net.Http", "System.Net.NameResolution", "System.Runtime", "Npgsql", "Microsoft.EntityFrameworkCore",
        "PatchDb.*",
    ];

    public static void AddPatchDbOpenTelemetry(this IHostApplicationBuilder builder)
    {
        // ASP.NET Core 10 only puts the semantic-convention tags (http.route, url.path, ...) on its request
        // activity when asked to.
        AppContext.SetSwitch("Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData", false);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        var otel = new OpenTelemetryServicesBuilder(builder.Services)
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing => tracing.AddSource(ActivitySources))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .WithLogging();

        // Exported only when an endpoint is configured, as in Aspire's template.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }

        builder.Services.AddHostedService<TelemetryHostedService>();
    }
}
