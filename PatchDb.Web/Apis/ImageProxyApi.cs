using Microsoft.Net.Http.Headers;
using PatchDb.Web.Services;

namespace PatchDb.Web.Apis;

/// <summary>
/// <c>GET /img/{path}</c>: the browser's &lt;img&gt; cannot carry the Api's bearer token, so the image bytes are
/// fetched here with the signed-in user's token and streamed through, with ETag and Cache-Control kept.
/// </summary>
public static class ImageProxyApi
{
    public static IEndpointRouteBuilder MapImageProxyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/img/{**path}", GetImageAsync).RequireAuthorization();
        return app;
    }

    public static async Task GetImageAsync(string path, HttpContext context, ApiClient api)
    {
        var ct = context.RequestAborted;
        var session = ApiSession.FromPrincipal(context.User);
        if (session is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await api.GetImageAsync(path + context.Request.QueryString, session, context.Request.Headers.IfNoneMatch, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Api down, or the resilience pipeline gave up: the <img> shows its alt text.
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (upstream)
        {
            var response = context.Response;
            var contentType = upstream.Content.Headers.ContentType?.MediaType;
            // Only images pass: the proxy must not become a way to read other Api answers through a page.
            if (upstream.IsSuccessStatusCode && contentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) != true)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            response.StatusCode = (int)upstream.StatusCode;
            if (upstream.Headers.ETag is { } etag)
            {
                response.Headers.ETag = etag.ToString();
            }

            response.Headers.CacheControl = upstream.Headers.CacheControl?.ToString() ?? "private, no-cache";
            if (!upstream.IsSuccessStatusCode)
            {
                return;
            }

            response.ContentType = upstream.Content.Headers.ContentType!.ToString();
            response.ContentLength = upstream.Content.Headers.ContentLength;
            response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            await using var body = await upstream.Content.ReadAsStreamAsync(ct);
            await body.CopyToAsync(response.Body, ct);
        }
    }
}
