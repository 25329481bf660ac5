using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PatchDb.Web.Services;

namespace PatchDb.Web.Apis;

/// <summary>
/// Pass-throughs the browser needs outside a circuit: the export downloads (streamed from the Api), the images of a
/// share page (anonymous; only images pass), and account deletion (a form post, so the cookie can go with it).
/// </summary>
public static class CollectionApi
{
    public static IEndpointRouteBuilder MapCollectionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{kind:regex(^(csv|zip)$)}", ExportAsync).RequireAuthorization();
        app.MapGet("/shared/{token}/images/{image_id:guid}/{variant}", SharedImageAsync).AllowAnonymous();
        app.MapPost("/account/delete", DeleteAccountAsync).RequireAuthorization();
        return app;
    }

    public static async Task ExportAsync(string kind, HttpContext context, ApiClient api)
    {
        var session = ApiSession.FromPrincipal(context.User);
        if (session is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await RelayAsync(context, () => api.GetStreamAsync($"export/{kind}", session, context.RequestAborted), imagesOnly: false);
    }

    public static Task SharedImageAsync(string token, [FromRoute(Name = "image_id")] Guid imageId, string variant, HttpContext context,
        ApiClient api)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var path = $"shared/{Uri.EscapeDataString(token)}/images/{imageId}/{Uri.EscapeDataString(variant)}";
        return RelayAsync(context, () => api.GetStreamAsync(path, null, context.RequestAborted), imagesOnly: true);
    }

    public static async Task<RedirectHttpResult> DeleteAccountAsync(HttpContext context, [FromForm(Name = "confirm")] string? confirm,
        ApiClient api)
    {
        var session = ApiSession.FromPrincipal(context.User);
        if (session is null || confirm != "delete")
        {
            return TypedResults.LocalRedirect("/settings");
        }

        try
        {
            await api.DeleteAccountAsync(session, context.RequestAborted);
        }
        catch (ApiException)
        {
            return TypedResults.LocalRedirect("/settings?deleteFailed=true");
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/signin?deleted=true");
    }

    private static async Task RelayAsync(HttpContext context, Func<Task<HttpResponseMessage>> send, bool imagesOnly)
    {
        var ct = context.RequestAborted;
        HttpResponseMessage upstream;
        try
        {
            upstream = await send();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (upstream)
        {
            var contentType = upstream.Content.Headers.ContentType;
            if (!upstream.IsSuccessStatusCode
                || (imagesOnly && contentType?.MediaType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) != true))
            {
                context.Response.StatusCode = upstream.IsSuccessStatusCode ? StatusCodes.Status404NotFound : (int)upstream.StatusCode;
                return;
            }

            context.Response.ContentType = contentType?.ToString();
            if (upstream.Content.Headers.ContentDisposition is { } disposition)
            {
                context.Response.Headers.ContentDisposition = disposition.ToString();
            }

            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            await using var body = await upstream.Content.ReadAsStreamAsync(ct);
            await body.CopyToAsync(context.Response.Body, ct);
        }
    }
}
