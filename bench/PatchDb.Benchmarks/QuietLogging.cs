using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PatchDb.Benchmarks;

public static class QuietLogging
{
    /// <summary>The testing builder forwards every resource's console to ours; a benchmark's report drowns in it.</summary>
    public static IDistributedApplicationTestingBuilder WithQuietLogging(this IDistributedApplicationTestingBuilder builder)
    {
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("PatchDb.AppHost.Resources", LogLevel.None)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        return builder;
    }
}
