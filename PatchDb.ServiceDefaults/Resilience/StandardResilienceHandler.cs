using Polly;

namespace PatchDb.ServiceDefaults.Resilience;

/// <summary>Runs every request through the standard pipeline of its destination ("embedder", "api", ...), so one
/// failing service opens its own circuit, not every client's.</summary>
public sealed class StandardResilienceHandler(ResiliencePipelineCache pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A retry sends the same message again; buffered content can be read more than once.
        if (request.Content is not null && ResilienceRequestOptions.IsRetryable(request))
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var pipeline = pipelines.For(request.RequestUri?.Authority ?? "");
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StandardResiliencePipeline.RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state.Handler.SendCoreAsync(state.Request, ctx.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
