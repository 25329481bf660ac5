using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PatchDb.Tests.Infrastructure;

/// <summary>
/// Hosts one of our services in the test process on a real loopback port (Kestrel), so that other services and
/// browsers can reach it. TEntryPoint is any public type of the service's assembly.
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Lock _startLock = new();

    public ServiceHost(IReadOnlyDictionary<string, string?> settings, string environment = "Development", int? port = null)
    {
        _settings = settings;
        _environment = environment;
        Port = port ?? FreePort.Next();
        // An explicit Kestrel endpoint rather than UseKestrel(port): that overload rewrites the server's address list
        // after the build, racing a minimal-hosting app that is already binding (dotnet/aspnetcore#67714).
        UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    /// <summary>Registrations added after the service's own (e.g. an in-memory telemetry exporter).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts the server (idempotent) and returns its address.</summary>
    public Uri Start()
    {
        // WebApplicationFactory's start is not thread-safe; tests may touch a host from several tasks at once.
        lock (_startLock)
        {
            StartServer();
        }

        return BaseAddress;
    }

    /// <summary>A client for the real port (not the in-memory test server).</summary>
    public HttpClient CreateRealClient()
    {
        Start();
        return new HttpClient { BaseAddress = BaseAddress };
    }

    public T GetRequiredService<T>() where T : notnull
    {
        Start();
        return Services.GetRequiredService<T>();
    }

    public IEnumerable<string> Addresses =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        if (ExtraServices is not null)
        {
            builder.ConfigureServices(ExtraServices);
        }
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
