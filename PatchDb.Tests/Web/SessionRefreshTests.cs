using Microsoft.Playwright;
using Npgsql;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>Sessions that outlast the access token: with a 3-second access token the Web keeps working (page loads
/// and in-app navigation) without asking to sign in, through rotated refresh tokens; signing out ends the chain.</summary>
public sealed class SessionRefreshTests(TestInfrastructure infra)
{
    private const string Password = "patches-4-ever";
    private static readonly TimeSpan AccessLifetime = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task The_Web_renews_an_expired_access_token_and_sign_out_ends_the_chain()
    {
        await using var stack = await WebStack.StartAsync(infra, withEmbedder: false,
            new Dictionary<string, string?> { ["Jwt:TokenLifetime"] = AccessLifetime.ToString() });
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(stack.WebAddress);
        var username = $"keeper-{Guid.NewGuid():N}"[..20];
        await BrowserAccounts.SignUpAsync(page, username, Password);
        Assert.Equal(1, await CountAsync(stack, username, "true"));

        // The access token has expired: a page load renews it in the cookie.
        await Task.Delay(AccessLifetime * 2, TestContext.Current.CancellationToken);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your collection");
        await Assertions.Expect(page.Locator(".loading")).ToHaveCountAsync(0);

        // Expired again, inside a running circuit: in-app navigation renews it too.
        await Task.Delay(AccessLifetime * 2, TestContext.Current.CancellationToken);
        await page.ClickAsync("nav >> text=Settings");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Settings");
        await Assertions.Expect(page.GetByText("No share links yet.")).ToBeVisibleAsync();
        Assert.DoesNotContain("signin", page.Url);

        // One chain, rotated: every token but the newest used once, none revoked.
        var tokens = await CountAsync(stack, username, "true");
        Assert.True(tokens >= 3, $"{tokens} refresh tokens: the Web did not refresh");
        Assert.Equal(tokens - 1, await CountAsync(stack, username, "used_at IS NOT NULL"));
        Assert.Equal(1, await CountAsync(stack, username, "true", "count(DISTINCT family_id)"));
        Assert.Equal(0, await CountAsync(stack, username, "revoked_at IS NOT NULL"));

        await page.ClickAsync("button:has-text('Sign out')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        Assert.Equal(tokens, await CountAsync(stack, username, "revoked_at IS NOT NULL"));
        await page.GotoAsync("");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
    }

    private static async Task<long> CountAsync(WebStack stack, string username, string where, string what = "count(*)")
    {
        await using var connection = new NpgsqlConnection(stack.ApiConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {what} FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = @name AND {where}", connection);
        command.Parameters.AddWithValue("name", username);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
