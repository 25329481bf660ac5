using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;

namespace PatchDb.ServiceDefaults.Resilience;

/// <summary>One pipeline per destination, kept for the process' life so circuit-breaker state persists.</summary>
public sealed class ResiliencePipelineCache(IOptions<HttpResilienceOptions> options)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    public ResiliencePipeline<HttpResponseMessage> For(string destination) =>
        _pipelines.GetOrAdd(destination, _ => StandardResiliencePipeline.Build(options.Value));
}
