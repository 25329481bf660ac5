using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>
/// Copies, share links, export and account deletion in Chromium against the real stack, saving screenshots of the
/// settings page and a share page (desktop and 360 px) under artifacts/screenshots.
/// </summary>
public sealed class SharingJourneyTests(TestInfrastructure infra)
{
    private const string Password = "patches-4-ever";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copies_share_links_export_and_account_deletion()
    {
        await using var stack = await WebStack.StartAsync(infra);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(stack.WebAddress);
        var username = $"trader-{Guid.NewGuid():N}"[..20];
        await BrowserAccounts.SignUpAsync(page, username, Password);
        using (var seed = await ApiSeed.SignInAsync(stack, username, Password))
        {
            await seed.SeedAsync([("flag-ar", "Flag of Argentina"), ("nasa-iss-exp16", "Expedition 16"), ("flag-ae", "Flag of the UAE")]);
        }

        // Copies: set on the group page, shown with the spares on the card.
        await page.ReloadAsync();
        await page.ClickAsync(".group-card h2 >> text=Flag of Argentina");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Flag of Argentina");
        await page.FillAsync("#copies", "3");
        await page.ClickAsync("button:has-text('Save copies')");
        await Assertions.Expect(page.Locator("#copies-hint")).ToHaveTextAsync("3 copies · 2 spares");
        await page.ClickAsync("nav >> text=Collection");
        await Assertions.Expect(page.Locator(".group-card", new() { HasText = "Flag of Argentina" }).Locator(".copies"))
            .ToHaveTextAsync("3 copies · 2 spares");

        // Two links: the whole collection and the trade list.
        await page.ClickAsync("nav >> text=Settings");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Settings");
        var collectionUrl = await CreateLinkAsync(page, "collection");
        var tradeUrl = await CreateLinkAsync(page, "trade");
        await Assertions.Expect(page.Locator(".share-link")).ToHaveCountAsync(2);

        // Anyone with the link, no account: exactly the shared groups.
        var visitor = await browser.NewPageAsync(stack.WebAddress);
        var opened = await visitor.GotoAsync(collectionUrl);
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(visitor.Locator(".shared-by")).ToHaveTextAsync(username);
        await Assertions.Expect(visitor.Locator(".shared-groups .card-title"))
            .ToHaveTextAsync(["Flag of Argentina", "Expedition 16", "Flag of the UAE"]);
        await visitor.WaitForFunctionAsync("() => [...document.images].length === 3 && [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        await Browser.ScreenshotAsync(visitor, "share");
        await visitor.GotoAsync(tradeUrl);
        await Assertions.Expect(visitor.Locator(".shared-groups .card-title")).ToHaveTextAsync(["Flag of Argentina"]);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".share-link").First).ToContainTextAsync("last opened");
        await Browser.ScreenshotAsync(page, "settings");

        // Export: the CSV lists the groups with their copies.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Download list (CSV)"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Ct);
        Assert.Contains("Flag of Argentina,3,no,1,", csv);
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // Revoked: the link is a 404.
        await page.Locator(".share-link", new() { HasText = "Whole collection" }).Locator("button:has-text('Revoke')").ClickAsync();
        await page.ClickAsync("button:has-text('Yes, revoke')");
        await Assertions.Expect(page.Locator(".share-link")).ToHaveCountAsync(1);
        var gone = await visitor.GotoAsync(collectionUrl);
        Assert.Equal(404, gone!.Status);
        // The Web's not-found page (the status is re-executed there), showing nothing of the collection.
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Page not found");
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync("Flag of Argentina");

        // Account deletion asks first, then signs out; nothing of the user is left.
        await page.ClickAsync("button:has-text('Delete account…')");
        await Assertions.Expect(page.Locator("#delete-question")).ToBeVisibleAsync();
        await page.ClickAsync("button:has-text('Yes, delete my account')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.Locator(".alert.info")).ToContainTextAsync("deleted");
        await using var connection = new NpgsqlConnection(stack.ApiConnectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM images) + (SELECT count(*) FROM share_links)", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync(Ct));
        // The one failed load is the revoked link's 404, on purpose.
        Assert.Contains("status of 404", Assert.Single(browser.Errors));
    }

    private static async Task<string> CreateLinkAsync(IPage page, string scope)
    {
        await page.SelectOptionAsync("#share-scope", scope);
        await page.ClickAsync("button:has-text('Create link')");
        var url = page.Locator("input.share-url");
        await Assertions.Expect(url).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/shared/[A-Za-z0-9_-]{43}$"));
        var value = await url.InputValueAsync();
        // The next link must be a new one: wait until the field shows another value.
        await page.EvaluateAsync("() => document.querySelector('input.share-url').value = ''");
        return value;
    }
}
