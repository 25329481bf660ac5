namespace PatchDb.ServiceDefaults.Resilience;

/// <summary>Runs every request through the standard pipeline of its destination ("embedder", "api", ...), so one
/// failing service opens its own circuit, not every client's.</summary>
public sealed class StandardResilienceHandler(ResiliencePipelineCache pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A retry sends the same message again; buffered content can be read more than once.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var pipeline = pipelines.For(request.RequestUri?.Authority ?? "");
        return await pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendCoreAsync(state.Request, token),
            (Handler: this, Request: request),
            cancellationToken);
    }

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
