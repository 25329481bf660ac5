using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Every <c>/{user_id}/…</c> route of the running Api (read from its endpoint table) × every kind of bad
/// credential: 401 for no/invalid tokens, 404 for another user's valid token, and never the victim's data.</summary>
public sealed class AuthorizationMatrixTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_route_serves_another_users_data()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var victim = await ApiUser.CreateAsync(host, Ct);
        var attacker = await ApiUser.CreateAsync(host, Ct);
        var image = (await victim.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var group = (await victim.SendJsonAsync(HttpMethod.Post, $"/{victim.Id}/group", new { patch_id = image, name = "secret-group" }, Ct))
            .GetProperty("id").GetGuid();

        var routes = host.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("{user_id", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, e.RoutePattern)))
            .ToList();
        Assert.True(routes.Count >= 12, $"only {routes.Count} user routes found");
        // Issue 17's routes are in the matrix like every other.
        foreach (var route in new[] { "/evidence/", "/rejections" })
        {
            Assert.Contains(routes, r => r.RoutePattern.RawText!.Contains(route, StringComparison.Ordinal));
        }

        var tokens = new (string Kind, string? Token, HttpStatusCode Expected)[]
        {
            ("none", null, HttpStatusCode.Unauthorized),
            ("other user", attacker.Token, HttpStatusCode.NotFound),
            ("expired", Sign(victim.Id, ApiTestHost.SigningKey, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1)), HttpStatusCode.Unauthorized),
            ("tampered signature", Tamper(victim.Token), HttpStatusCode.Unauthorized),
            ("tampered payload", TamperPayload(attacker.Token, attacker.Id, victim.Id), HttpStatusCode.Unauthorized),
            ("alg none", Unsigned(victim.Id), HttpStatusCode.Unauthorized),
            ("other key", Sign(victim.Id, "another-key-another-key-another-key-0123", DateTime.UtcNow, DateTime.UtcNow.AddHours(1)), HttpStatusCode.Unauthorized),
        };

        var client = host.CreateClient();
        foreach (var (method, pattern) in routes)
        {
            var path = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "user_id" } => victim.Id.ToString(),
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "group_id" } => group.ToString(),
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "variant" } => "thumbnail",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => image.ToString(),
                _ => "",
            }))));
            if (path.EndsWith("/search", StringComparison.Ordinal))
            {
                path += "?q=secret";
            }
            foreach (var (kind, token, expected) in tokens)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(path, image, group) };
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                var response = await client.SendAsync(request, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(expected == response.StatusCode, $"{method} {path} with {kind}: {(int)response.StatusCode} {body}");
                Assert.DoesNotContain("secret-group", body);
                Assert.NotEqual("image", response.Content.Headers.ContentType?.MediaType?.Split('/')[0]);
            }
        }

        // Nothing was changed either.
        var list = await victim.GetJsonAsync($"/{victim.Id}/patches", Ct);
        var only = Assert.Single(list.GetProperty("patches").EnumerateArray());
        Assert.Equal("secret-group", only.GetProperty("name").GetString());
        Assert.False(only.GetProperty("is_favorite").GetBoolean());
        Assert.Equal(image, Assert.Single(only.GetProperty("images").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty(list.GetProperty("ungrouped_patches").EnumerateArray());
    }

    private static HttpContent Body(string path, Guid image, Guid group)
    {
        if (path.EndsWith("/upload", StringComparison.Ordinal))
        {
            var multipart = new MultipartFormDataContent();
            multipart.Add(new ByteArrayContent(File.ReadAllBytes(TestImages.Any)), "image", "a.jpg");
            return multipart;
        }
        return JsonContent.Create(new { patch_id = image, group_id = group, name = "pwned" });
    }

    private static string Sign(Guid subject, string key, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "patchdb-api",
            Audience = "patchdb",
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", subject.ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    private static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var i = token.LastIndexOf('.') + 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string TamperPayload(string token, Guid from, Guid to)
    {
        // The attacker's own token with the victim as subject, keeping the original signature.
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains(from.ToString(), payload);
        var forged = payload.Replace(from.ToString(), to.ToString(), StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(forged)}.{parts[2]}";
    }

    private static string Unsigned(Guid subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"{{subject}}","iss":"patchdb-api","aud":"patchdb","iat":{{now}},"nbf":{{now}},"exp":{{now + 3600}}}""");
        return $"{header}.{payload}.";
    }
}
