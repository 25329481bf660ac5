using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

public sealed class AccountsTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_user_answers_id_and_username_and_refuses_a_taken_name()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var client = host.CreateClient();

        var created = await client.PostAsJsonAsync("/user", new { username = "Alice", password = "12345678" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["id", "username"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Alice", body.RootElement.GetProperty("username").GetString());

        var taken = await client.PostAsJsonAsync("/user", new { username = "alice", password = "abcdefgh" }, Ct);
        await Problem.AssertAsync(taken, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_user_fields_are_named_in_a_validation_problem()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/user", new { username = "bad name!", password = "short" }, Ct);
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("username", out _));
        Assert.True(errors.TryGetProperty("password", out _));

        var malformed = await client.PostAsync("/user", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);
        await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Login_issues_a_bearer_token_and_refuses_a_wrong_password()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var client = host.CreateClient();

        var ok = await client.PostAsJsonAsync("/login", new { username = user.Username.ToUpperInvariant(), password = "correct horse" }, Ct);
        using var token = JsonDocument.Parse(await ok.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Bearer", token.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, token.RootElement.GetProperty("access_token").GetString()!.Split('.').Length);

        var wrong = await client.PostAsJsonAsync("/login", new { username = user.Username, password = "wrong horse" }, Ct);
        await Problem.AssertAsync(wrong, HttpStatusCode.Unauthorized);
        var unknown = await client.PostAsJsonAsync("/login", new { username = "nobody", password = "wrong horse" }, Ct);
        await Problem.AssertAsync(unknown, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_is_rate_limited()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null, new Dictionary<string, string?> { ["RateLimiting:LoginPermitLimit"] = "3" });
        var client = host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/login", new { username = "x", password = "yyyyyyyy" }, Ct)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await Problem.AssertAsync(await client.PostAsJsonAsync("/login", new { username = "x", password = "y" }, Ct), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Outside_development_the_api_refuses_to_start_without_a_signing_key()
    {
        // The real executable, as it would be deployed.
        var (exitCode, output) = await ServiceProcess.RunToExitAsync("PatchDb.Api", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__patchdb"] = await infra.Postgres.CreateDatabaseAsync(),
            ["Storage__RootPath"] = Directory.CreateTempSubdirectory("patchdb-api-nokey-").FullName,
        }, Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Jwt:SigningKey", output);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_routes()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var document = await host.CreateClient().GetStringAsync("/openapi/v1.json", Ct);
        using var json = JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/{user_id}/upload", paths);
        Assert.Contains("/login", paths);
    }
}
