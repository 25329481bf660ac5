using System.Net;
using System.Text.Json;

namespace PatchDb.Web.Services;

/// <summary>An Api failure, already turned into a sentence a collector can read.</summary>
public sealed class ApiException(int status, string message, IReadOnlyDictionary<string, string[]>? errors = null, bool refreshable = false,
    TimeSpan? retryAfter = null)
    : Exception(message)
{
    /// <summary>The Api's Retry-After (on 429 and "already in progress" 409 answers), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The access token expired but the session can be renewed: reloading the page renews it.</summary>
    public bool IsRefreshable { get; } = refreshable;

    /// <summary>HTTP status of the Api's answer; 0 when the Api could not be reached at all.</summary>
    public int Status { get; } = status;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public bool IsUnreachable => Status == 0;

    public bool IsUnauthorized => Status == (int)HttpStatusCode.Unauthorized;

    public static ApiException Unreachable() =>
        new(0, "The PatchDb service cannot be reached right now. Your changes were not saved; please try again in a moment.");

    public static ApiException SessionExpired() => new((int)HttpStatusCode.Unauthorized, "Your session has expired. Please sign in again.");

    public static ApiException AccessTokenExpired() =>
        new((int)HttpStatusCode.Unauthorized, "Your session is being renewed.", refreshable: true);

    public static async Task<ApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        string? title = null, detail = null;
        Dictionary<string, string[]>? errors = null;
        try
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                errors = e.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray()
                        : [p.Value.ToString()]);
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's HTML page, an empty body): fall back to the status text below.
        }

        var message = detail ?? (errors is { Count: > 0 } ? string.Join(" ", errors.Values.SelectMany(v => v)) : null)
            ?? title ?? DefaultMessage(status);
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new ApiException(status, message, errors, retryAfter: retryAfter);
    }

    private static string DefaultMessage(int status) => status switch
    {
        400 => "The request was not accepted.",
        401 => "Your session has expired. Please sign in again.",
        404 => "That item no longer exists.",
        409 => "That conflicts with something that already exists.",
        413 => "That file is too large.",
        415 => "That file is not a supported image.",
        429 => "Too many requests; please wait a moment and try again.",
        501 => "That feature is not available.",
        >= 500 => "The PatchDb service had a problem. Please try again.",
        _ => $"The request failed ({status}).",
    };
}
