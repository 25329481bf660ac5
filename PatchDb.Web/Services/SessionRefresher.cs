using System.Collections.Concurrent;
using System.Net.Http.Json;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services;

/// <summary>
/// Trades a session's refresh token for a new access/refresh pair at the Api. A page load sends several requests
/// with the same old cookie at once (the page, its images): each refresh token is presented to the Api only once and
/// the answer shared for a while, since a second use would count as a replay and end the session.
/// </summary>
public sealed class SessionRefresher(IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly TimeSpan ShareAnswerFor = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, Lazy<Task<ApiSession?>>> _inFlight = new(StringComparer.Ordinal);

    public Task<ApiSession?> RefreshAsync(ApiSession session, CancellationToken ct)
    {
        var key = session.RefreshToken!;
        var entry = _inFlight.GetOrAdd(key, _ => new Lazy<Task<ApiSession?>>(() => ExchangeAsync(session)));
        _ = ForgetLaterAsync(key, entry);
        return entry.Value.WaitAsync(ct);
    }

    // Not cancelled with the request that started it: the others waiting for it need the answer.
    private async Task<ApiSession?> ExchangeAsync(ApiSession session)
    {
        try
        {
            var http = httpClients.CreateClient(nameof(ApiClient));
            using var response = await http.PostAsJsonAsync("refresh", new { refresh_token = session.RefreshToken }, ApiClient.Json);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ApiClient.Json);
            return token is null ? null : session with
            {
                AccessToken = token.AccessToken,
                ExpiresAt = time.GetUtcNow().AddSeconds(Math.Max(token.ExpiresIn, 0)),
                RefreshToken = token.RefreshToken,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return null; // Api unreachable: the collector signs in again rather than waiting on a dead page.
        }
    }

    private async Task ForgetLaterAsync(string key, Lazy<Task<ApiSession?>> entry)
    {
        await Task.Delay(ShareAnswerFor, time);
        _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<ApiSession?>>>(key, entry));
    }
}
