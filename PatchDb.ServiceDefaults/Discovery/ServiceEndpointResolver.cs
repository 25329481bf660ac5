using Microsoft.Extensions.Configuration;

namespace PatchDb.ServiceDefaults.Discovery;

/// <summary>
/// Resolves logical service URIs ("http://embedder", "https+http://api") against Aspire's configuration shape
/// <c>services:{name}:{endpoint}:{index}</c> (environment: <c>services__embedder__http__0</c>).
/// </summary>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    /// <summary>The concrete URI for <paramref name="uri"/>, or the URI itself when its host is not a configured service.</summary>
    public Uri Resolve(Uri uri)
    {
        var services = configuration.GetSection("services").GetSection(uri.Host);
        if (!services.Exists())
        {
            return uri;
        }

        // "https+http" means: prefer https, fall back to http.
        var schemes = uri.Scheme.Split('+');
        foreach (var scheme in schemes)
        {
            if (services.GetSection(scheme).GetChildren().Select(c => c.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } endpoint)
            {
                var target = new Uri(endpoint);
                return new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            }
        }

        throw new InvalidOperationException(
            $"Service '{uri.Host}' has no '{uri.Scheme}' endpoint configured (services:{uri.Host}:{schemes[0]}:0).");
    }
}
