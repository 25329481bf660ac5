using Microsoft.Extensions.Hosting;
using PatchDb.AppHost.Hosting;
using PatchDb.AppHost.Otlp;

namespace PatchDb.AppHost.Dashboard;

/// <summary>Kestrel host for the dashboard (token-protected) and the OTLP/HTTP receiver (its own port).</summary>
public sealed class DashboardServer(DistributedApplication application) : IAsyncDisposable
{
    WebApplication? _app;

    public async Task StartAsync(CancellationToken ct)
    {
        var options = application.Options;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Not the services' configuration: their appsettings.json files are copied next to this binary by the
        // project references, and their ASPNETCORE_* variables are not meant for the dashboard.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The AppHost handles Ctrl+C itself and stops the dashboard last.
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        builder.Services.AddSingleton(application);
        builder.Services.AddSingleton(application.Telemetry);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenLocalhost(options.DashboardPort);
            k.ListenLocalhost(options.OtlpPort);
            k.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });

        var app = builder.Build();
        app.UseMiddleware<DashboardAuth>();
        app.MapOtlpReceiver(application.Telemetry, options.OtlpPort);
        var dashboard = app.MapGroup("").RequireHost($"*:{options.DashboardPort}");
        dashboard.MapLogin();
        dashboard.MapResourcesPage();
        dashboard.MapConsolePage();
        dashboard.MapTracesPage();
        dashboard.MapLogsPage();
        dashboard.MapMetricsPage();
        await app.StartAsync(ct);
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    sealed class ExternalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
