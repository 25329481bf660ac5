namespace Aspire.Hosting;

public static class ReadyLinesExtensions
{
    /// <summary>One console line per resource when it is ready (healthy), e.g. <c>api       ready  http://localhost:5123</c>,
    /// so scripts and people find the Api and the Web without opening the dashboard.</summary>
    public static IDistributedApplicationBuilder AddReadyLines(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<ResourceReadyEvent>((e, _) =>
        {
            if (e.Resource is ParameterResource)
            {
                return Task.CompletedTask;
            }
            var url = e.Resource is IResourceWithEndpoints withEndpoints
                && withEndpoints.Annotations.OfType<EndpointAnnotation>().FirstOrDefault() is { } endpoint
                ? new EndpointReference(withEndpoints, endpoint).Url
                : "";
            Console.WriteLine($"{e.Resource.Name,-9} ready  {url}".TrimEnd());
            return Task.CompletedTask;
        });
        return builder;
    }
}
