using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Services;

/// <summary>
/// Typed client of PatchDb.Api. Calls for the signed-in user take the Api token from the session's claims;
/// every failure becomes an <see cref="ApiException"/> with a readable message.
/// </summary>
public sealed partial class ApiClient(HttpClient http, AuthenticationStateProvider authState, ApiStatus status, TimeProvider time)
{
    /// <summary>The header the Api reads the collector's address from (the Api's WebExtensions.ClientAddressHeader).</summary>
    public const string ClientAddressHeader = "X-PatchDb-Client-Address";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Task<UserResponse> CreateUserAsync(string username, string password, CancellationToken ct = default) =>
        SendAsync<UserResponse>(HttpMethod.Post, "user", new { username, password }, session: null, ct);

    /// <param name="client">The browser's address, forwarded so the Api's login limit counts each collector apart
    /// rather than every user of this Web as one client.</param>
    public Task<TokenResponse> LoginAsync(string username, string password, IPAddress? client, CancellationToken ct = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "login", new { username, password }, session: null, ct, client);

    public async Task<CollectionResponse> GetCollectionAsync(CancellationToken ct = default) =>
        await SendAsync<CollectionResponse>(HttpMethod.Get, "patches", null, await SessionAsync(), ct);

    /// <param name="idempotencyKey">Sent as Idempotency-Key: a retry with the same key gets the first answer, not a second image.</param>
    public async Task<UploadResponse> UploadAsync(byte[] image, string fileName, string contentType, CancellationToken ct = default,
        string? idempotencyKey = null)
    {
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type)
            ? type : new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { file, "image", fileName } };
        return await SendAsync<UploadResponse>(HttpMethod.Post, "upload", form, await SessionAsync(), ct, idempotencyKey: idempotencyKey);
    }

    /// <summary>
    /// The analysis of an upload that came back pending. Uses <c>GET /{user_id}/patch/{id}</c> when the Api has it;
    /// otherwise tells "done" from "pending" by the thumbnail, which the Api serves as WebP only once analysed.
    /// </summary>
    public async Task<UploadResponse> GetAnalysisAsync(PatchImage patch, CancellationToken ct = default)
    {
        var session = await SessionAsync();
        try
        {
            return await SendAsync<UploadResponse>(HttpMethod.Get, $"patch/{patch.Id}", null, session, ct);
        }
        catch (ApiException e) when (e.Status is 404 or 405)
        {
            using var thumbnail = await GetImageAsync(ImageUrls.For(patch.Path, ImageUrls.Thumbnail)[ImageUrls.Prefix.Length..], session, null, ct);
            if (!thumbnail.IsSuccessStatusCode)
            {
                throw await ApiException.FromResponseAsync(thumbnail, ct);
            }

            var analysed = thumbnail.Content.Headers.ContentType?.MediaType == "image/webp";
            return new UploadResponse([], patch, [], analysed ? "analyzed" : "pending") { MatchesUnavailable = analysed };
        }
    }

    public async Task AddToGroupAsync(Guid patchId, Guid groupId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Patch, "group", new { patch_id = patchId, group_id = groupId }, await SessionAsync(), ct);

    public async Task<CreateGroupResponse> CreateGroupAsync(Guid patchId, string name, CancellationToken ct = default) =>
        await SendAsync<CreateGroupResponse>(HttpMethod.Post, "group", new { patch_id = patchId, name }, await SessionAsync(), ct);

    public async Task RenameGroupAsync(Guid groupId, string name, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Patch, $"group/{groupId}", new { name }, await SessionAsync(), ct);

    public async Task SetFavoriteAsync(Guid groupId, bool favorite, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(favorite ? HttpMethod.Put : HttpMethod.Delete, $"group/{groupId}/favorite", null, await SessionAsync(), ct);

    public async Task DeletePatchAsync(Guid patchId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Delete, $"patch/{patchId}", null, await SessionAsync(), ct);

    public async Task DeleteGroupAsync(Guid groupId, CancellationToken ct = default) =>
        await SendAsync<JsonElement>(HttpMethod.Delete, $"group/{groupId}", null, await SessionAsync(), ct);

    /// <summary>Text search; <c>null</c> when the Api's model has no text encoder (501).</summary>
    public async Task<SearchResponse?> SearchAsync(string query, CancellationToken ct = default)
    {
        try
        {
            return await SendAsync<SearchResponse>(HttpMethod.Get, $"search?q={Uri.EscapeDataString(query)}", null, await SessionAsync(), ct);
        }
        catch (ApiException e) when (e.Status == (int)HttpStatusCode.NotImplemented)
        {
            return null;
        }
    }

    /// <summary>Asks the Api's health endpoint whether it is back; updates <see cref="ApiStatus"/>.</summary>
    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        try
        {
            using var response = await http.GetAsync("health", ct);
            status.ReportReachable();
            return true;
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            status.ReportUnreachable();
            return false;
        }
    }

    /// <summary>Fetches image bytes for the proxy; the caller owns (and disposes) the response.</summary>
    public async Task<HttpResponseMessage> GetImageAsync(string pathAndQuery, ApiSession session, string? ifNoneMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    // Connection refused, timeouts and the resilience pipeline's own rejections all mean "the Api is not there".
    private static bool IsTransportFailure(Exception e, CancellationToken ct) =>
        e is not ApiException && !(e is OperationCanceledException && ct.IsCancellationRequested);

    private async Task<ApiSession> SessionAsync()
    {
        var state = await authState.GetAuthenticationStateAsync();
        var session = ApiSession.FromPrincipal(state.User);
        if (session is not null && session.IsExpired(time) && session.RefreshToken is not null)
        {
            throw ApiException.AccessTokenExpired();
        }

        return session is null || session.IsExpired(time) ? throw ApiException.SessionExpired() : session;
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, ApiSession? session, CancellationToken ct,
        IPAddress? forwardedFor = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, session is null ? path : $"{session.UserId}/{path}");
        if (forwardedFor is not null)
        {
            request.Headers.Add(ClientAddressHeader, forwardedFor.ToString());
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (session is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        }

        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, options: Json),
        };

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (IsTransportFailure(e, ct))
        {
            status.ReportUnreachable();
            throw ApiException.Unreachable();
        }

        using (response)
        {
            status.ReportReachable();
            if (!response.IsSuccessStatusCode)
            {
                throw await ApiException.FromResponseAsync(response, ct);
            }

            if (response.Content.Headers.ContentLength == 0 || response.StatusCode == HttpStatusCode.NoContent)
            {
                return default!;
            }

            return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
        }
    }
}
