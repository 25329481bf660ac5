using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Aspire.Hosting.Testing;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.AppHost;

/// <summary>
/// The real AppHost started once for a test class through Aspire's testing builder: local backing on a private data
/// folder, the dashboard on free ports with a known API key (its telemetry API is how the tests see traces), every
/// resource healthy. Disposing it must leave no process of it behind.
/// </summary>
public sealed class PatchDbApp : IAsyncLifetime
{
    public static readonly string[] ResourceNames = ["postgres", "patchdb", "cache", "embedder", "api", "web"];

    readonly string _apiKey = Guid.NewGuid().ToString("N");
    IReadOnlyList<ProcessTable.Entry> _processes = [];

    public DistributedApplication App { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("patchdb-apphost-").FullName;
    public Uri DashboardUrl { get; private set; } = null!;
    public string BrowserToken { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The processes it runs (DCP, the dashboard, postgres, redis-server, the services), as seen once healthy.</summary>
    public IReadOnlyList<ProcessTable.Entry> Processes => _processes;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PatchDb_AppHost>(
        [
            $"PatchDb:DataDirectory={DataDirectory}", "PatchDb:Backing=local", "PatchDb:WebPort=0",
            $"ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=http://localhost:{FreePort.Next()}",
            "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true", $"AppHost:DashboardApiKey={_apiKey}", $"ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={BrowserToken}",
        ], (options, _) => options.DisableDashboard = false, timeout.Token);
        // The resources' consoles at Warning and above only (postgres writes its log to stderr): enough to see a failure.
        builder.Services.AddLogging(logging => logging.AddFilter("PatchDb.AppHost.Resources", LogLevel.Warning));
        var dcpBefore = ProcessTable.Read().DcpServersMonitoring(Environment.ProcessId).ToHashSet();
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        foreach (var name in ResourceNames)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token);
        }
        // The testing builder picks the dashboard's port itself.
        var dashboard = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IResourceWithEndpoints>()
            .Single(r => r.Name == "aspire-dashboard");
        var frontend = dashboard.Annotations.OfType<EndpointAnnotation>().First(e => e.UriScheme == "http");
        DashboardUrl = new Uri(new EndpointReference(dashboard, frontend).Url);
        var table = ProcessTable.Read();
        _processes = table.Tree(table.DcpServersMonitoring(Environment.ProcessId).Where(pid => !dcpBefore.Contains(pid)));
    }

    public HttpClient CreateDashboardClient() =>
        new() { BaseAddress = DashboardUrl, DefaultRequestHeaders = { { "X-API-Key", _apiKey } } };

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        var survivors = await ProcessTable.WaitUntilGoneAsync(_processes, TimeSpan.FromSeconds(60));
        Directory.Delete(DataDirectory, recursive: true);
        if (survivors.Count > 0)
        {
            throw new InvalidOperationException("Still running after the AppHost was disposed: " +
                string.Join("; ", survivors.Select(p => $"{p.Pid} {p.CommandLine}")));
        }
    }
}
