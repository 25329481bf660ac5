using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Auth;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Refresh tokens: rotated on each use, a replay ends the chain, sign-out ends it, only hashes stored.</summary>
public sealed class RefreshTokenTests(TestInfrastructure infra)
{
    private const string Password = "correct horse";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotation_gives_working_tokens_and_a_replay_ends_the_chain()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var client = host.CreateClient();
        var first = await LoginAsync(client, user.Username);
        Assert.Equal(30 * 24 * 3600, first.GetProperty("refresh_expires_in").GetInt32());
        var r1 = first.GetProperty("refresh_token").GetString()!;

        var second = await RefreshOkAsync(client, r1);
        var r2 = second.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(r1, r2);
        Assert.Equal(HttpStatusCode.OK, await GetPatchesAsync(client, user.Id, second.GetProperty("access_token").GetString()!));
        var third = await RefreshOkAsync(client, r2);
        var r3 = third.GetProperty("refresh_token").GetString()!;

        // r1 again: refused, and the newest token of the chain dies with it.
        var replay = await Problem.AssertAsync(await PostAsync(client, "/refresh", r1), HttpStatusCode.Unauthorized);
        Assert.Contains("already used", replay.GetProperty("detail").GetString());
        await Problem.AssertAsync(await PostAsync(client, "/refresh", r3), HttpStatusCode.Unauthorized);

        // Another sign-in is another chain, untouched.
        var other = (await LoginAsync(client, user.Username)).GetProperty("refresh_token").GetString()!;
        await RefreshOkAsync(client, other);

        // Only SHA-256 hashes are stored, never a token.
        await using var db = host.CreateDbContext();
        var hashes = await db.RefreshTokens.Where(t => t.UserId == user.Id).Select(t => t.TokenHash).ToListAsync(Ct);
        Assert.Equal(6, hashes.Count); // ApiUser's sign-in, r1..r3, the other chain's two.
        foreach (var token in new[] { r1, r2, r3, other })
        {
            Assert.DoesNotContain(token, hashes);
            Assert.Contains(SecretTokens.Hash(token), hashes);
        }
        Assert.Equal(3, await db.RefreshTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt != null, Ct));
    }

    [Fact]
    public async Task Sign_out_ends_the_chain_and_garbage_is_refused()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var client = host.CreateClient();
        var r1 = (await LoginAsync(client, user.Username)).GetProperty("refresh_token").GetString()!;
        var r2 = (await RefreshOkAsync(client, r1)).GetProperty("refresh_token").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(client, "/logout", r2)).StatusCode);
        await Problem.AssertAsync(await PostAsync(client, "/refresh", r2), HttpStatusCode.Unauthorized);

        foreach (var junk in new[] { "", "x", new string('A', 43), Guid.NewGuid().ToString(), new string('a', 5000) })
        {
            await Problem.AssertAsync(await PostAsync(client, "/refresh", junk), HttpStatusCode.Unauthorized);
        }
        await Problem.AssertAsync(await client.PostAsJsonAsync("/refresh", new { }, Ct), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await client.PostAsync("/refresh", new StringContent("{", null, "application/json"), Ct),
            HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> LoginAsync(HttpClient client, string username)
    {
        var response = await client.PostAsJsonAsync("/login", new { username, password = Password }, Ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string refreshToken) =>
        client.PostAsJsonAsync(path, new { refresh_token = refreshToken }, Ct);

    private static async Task<JsonElement> RefreshOkAsync(HttpClient client, string refreshToken)
    {
        var response = await PostAsync(client, "/refresh", refreshToken);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<HttpStatusCode> GetPatchesAsync(HttpClient client, Guid userId, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{userId}/patches");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.SendAsync(request, Ct)).StatusCode;
    }
}
