using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services;

/// <summary>Copies, share links, export, sign-out and account deletion.</summary>
public sealed partial class ApiClient
{
    public async Task SetCopiesAsync(Guid groupId, int copies, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Put, $"group/{groupId}/copies", new { copies }, await SessionAsync(), ct);

    public async Task<List<ShareLinkItem>> GetSharesAsync(CancellationToken ct = default) =>
        await SendAsync<List<ShareLinkItem>>(HttpMethod.Get, "shares", null, await SessionAsync(), ct);

    public async Task<CreatedShare> CreateShareAsync(string scope, Guid? groupId, CancellationToken ct = default) =>
        await SendAsync<CreatedShare>(HttpMethod.Post, "shares", new { scope, group_id = groupId }, await SessionAsync(), ct);

    public async Task RevokeShareAsync(Guid shareId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Delete, $"shares/{shareId}", null, await SessionAsync(), ct);

    /// <summary>What a share link shows; anonymous. A 404 <see cref="ApiException"/> for unknown or revoked links.</summary>
    public Task<SharedCollection> GetSharedAsync(string token, CancellationToken ct = default) =>
        SendAsync<SharedCollection>(HttpMethod.Get, $"shared/{Uri.EscapeDataString(token)}", null, session: null, ct);

    /// <summary>Bytes behind a share link (anonymous) or the export (the session's); the caller owns the response.</summary>
    public async Task<HttpResponseMessage> GetStreamAsync(string pathAndQuery, ApiSession? session, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, session is null ? pathAndQuery.TrimStart('/') : $"{session.UserId}/{pathAndQuery}");
        if (session is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    public Task DeleteAccountAsync(ApiSession session, CancellationToken ct) =>
        SendAsync<JsonElement>(HttpMethod.Delete, "account", null, session, ct);

    /// <summary>Ends the refresh chain at the Api. Best effort: signing out of the Web happens anyway.</summary>
    public async Task LogoutAsync(string refreshToken, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("logout", new { refresh_token = refreshToken }, Json, ct);
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            status.ReportUnreachable();
        }
    }
}
