using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>
/// A collector's whole journey in Chromium against the real Web, Api, Embedder, Postgres and Redis, saving a
/// screenshot of each main page (desktop and 360 px) under artifacts/screenshots.
/// </summary>
public sealed class CollectorJourneyTests(TestInfrastructure infra)
{
    private const string DesignA = "nasa-iss-exp16";
    private const string DesignB = "flag-ar";
    private const string Password = "patches-4-ever";

    private static string Photo(string design, int k) =>
        Path.Combine(RepoPaths.BenchPatches, k < 3 ? "gallery" : "query", $"{design}_{k}.jpg");

    [Fact]
    public async Task Sign_up_group_match_favourite_delete_sign_out_and_in()
    {
        await using var stack = await WebStack.StartAsync(infra);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(stack.WebAddress);
        var username = $"collector-{Guid.NewGuid():N}"[..24];

        // Sign up (the form first refuses a mismatched password).
        await page.GotoAsync("signup");
        await Browser.ScreenshotAsync(page, "signup");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", "something else");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".validation-message")).ToHaveTextAsync("The two passwords differ.");
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your collection");
        await Browser.ScreenshotAsync(page, "collection-empty");

        // Group B from one photo, then group A from three photos of one design.
        await page.ClickAsync("nav >> text=Upload");
        await Browser.ScreenshotAsync(page, "upload");
        await UploadAsync(page, Photo(DesignB, 0));
        await StartGroupAsync(page, "Flag of Argentina");
        await UploadAsync(page, Photo(DesignA, 0));
        // Another design: no match, but the collection's one group is offered below the threshold as a candidate.
        await Assertions.Expect(page.Locator("ul.candidates .card-title")).ToContainTextAsync("Flag of Argentina", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator(".upload-result [role=status]")).ToContainTextAsync("No confident match");
        await Browser.ScreenshotAsync(page, "upload-candidates");
        await StartGroupAsync(page, "Expedition 16");
        await UploadAsync(page, Photo(DesignA, 1));
        await AddToGroupAsync(page, "Expedition 16");
        await UploadAsync(page, Photo(DesignA, 2));
        await AddToGroupAsync(page, "Expedition 16");

        // A 4th photo of A: A's group is the top suggestion; add it there.
        await UploadAsync(page, Photo(DesignA, 3));
        var top = page.Locator(".match-card").First;
        await Assertions.Expect(top.Locator(".card-title")).ToContainTextAsync("Expedition 16");
        await Assertions.Expect(top.Locator(".score")).ToHaveTextAsync(new Regex(@"\d+%"));
        await Browser.ScreenshotAsync(page, "upload-matches");
        await AddToGroupAsync(page, "Expedition 16");

        // Favourite A: it moves first.
        await page.ClickAsync("nav >> text=Collection");
        await Assertions.Expect(page.Locator(".group-card")).ToHaveCountAsync(2);
        await page.ClickAsync("button[aria-label='Favourite Expedition 16']");
        await Assertions.Expect(page.Locator("button[aria-label='Favourite Expedition 16']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".group-card .card-title").First).ToHaveTextAsync("Expedition 16");
        await Assertions.Expect(page.Locator(".group-card").First).ToContainTextAsync("4 photos");
        await WaitForImagesAsync(page);
        await Browser.ScreenshotAsync(page, "collection");
        await ImagesComeThroughTheProxyWithTheirETagAsync(page);

        // Delete one photo of A on its group page.
        await page.ClickAsync(".group-card h2 >> text=Expedition 16");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Expedition 16");
        await Assertions.Expect(page.Locator(".grid.photos > li")).ToHaveCountAsync(4);
        await WaitForImagesAsync(page);
        await Browser.ScreenshotAsync(page, "group");
        await page.Locator("button:has-text('Delete photo')").First.ClickAsync();
        await page.ClickAsync("[role=alertdialog] >> text=Yes, delete");
        await Assertions.Expect(page.Locator(".grid.photos > li")).ToHaveCountAsync(3);

        // The other pages.
        await page.ClickAsync("nav >> text=Tray");
        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("every photo is in a group");
        await Browser.ScreenshotAsync(page, "ungrouped");
        await page.ClickAsync("nav >> text=Search");
        await page.FillAsync("#search-text", "space station");
        await page.ClickAsync("form[role=search] button");
        // Slow when the model has no text encoder: ServiceDefaults retries the 501 at every hop.
        await Assertions.Expect(page.Locator(".alert.info, .grid.photos, .empty")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Browser.ScreenshotAsync(page, "search");

        // Sign out, sign in again: the collection is intact.
        await page.ClickAsync("text=Sign out");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync("");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Browser.ScreenshotAsync(page, "signin");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".alert.error")).ToHaveTextAsync("Wrong username or password.");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your collection");
        var cards = page.Locator(".group-card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(cards.Nth(0)).ToContainTextAsync("Expedition 16");
        await Assertions.Expect(cards.Nth(0)).ToContainTextAsync("3 photos");
        await Assertions.Expect(cards.Nth(0).Locator("button.star")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(cards.Nth(1)).ToContainTextAsync("Flag of Argentina");
        await Assertions.Expect(cards.Nth(1)).ToContainTextAsync("1 photo");
        await Assertions.Expect(cards.Nth(1).Locator("button.star")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Empty(browser.Errors);
    }

    private static async Task UploadAsync(IPage page, string photo)
    {
        if (!page.Url.EndsWith("/upload", StringComparison.Ordinal))
        {
            await page.ClickAsync("nav >> text=Upload");
        }

        // A picker that has just been rendered again ignores a file set before its script is wired.
        await Assertions.Expect(page.Locator(".picker[data-ready] #photo-file")).ToBeEnabledAsync();
        await page.SetInputFilesAsync("#photo-file", photo);
        await Assertions.Expect(page.Locator(".upload-result")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator(".upload-result .pending")).ToHaveCountAsync(0);
    }

    private static async Task StartGroupAsync(IPage page, string name)
    {
        await page.ClickAsync("text=Start a new group");
        await page.FillAsync("#group-name", name);
        await page.ClickAsync("text=Create group");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync($"Started the group {name}.");
    }

    private static async Task AddToGroupAsync(IPage page, string name)
    {
        await page.ClickAsync($".match-card button:has-text('Add to {name}')");
        await Assertions.Expect(page.Locator(".alert.success")).ToContainTextAsync($"Added to {name}.");
    }

    private static async Task ImagesComeThroughTheProxyWithTheirETagAsync(IPage page)
    {
        var src = await page.Locator(".group-card img").First.GetAttributeAsync("src");
        Assert.StartsWith("img/", src);
        var first = await page.APIRequest.GetAsync(src!);
        Assert.Equal(200, first.Status);
        Assert.StartsWith("image/", first.Headers["content-type"]);
        Assert.Contains("private", first.Headers["cache-control"]);
        var etag = first.Headers["etag"];
        var again = await page.APIRequest.GetAsync(src!, new() { Headers = new Dictionary<string, string> { ["If-None-Match"] = etag } });
        Assert.Equal(304, again.Status);
    }

    // Screenshots should show the photos, which come through the image proxy.
    private static async Task WaitForImagesAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
}
