using Microsoft.Playwright;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>Debian's Chromium driven by Playwright; Playwright never downloads a browser of its own.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] s_args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotDir => Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public static async Task<Browser> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = s_args });
            return new Browser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Script errors and failed loads seen by any page (the framework script included).</summary>
    public List<string> Errors { get; } = [];

    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Errors.Add($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Saves the page at desktop width and at 360 px (phone), then restores the desktop size.</summary>
    /// <param name="fullPage">false for long lists: the first screen only.</param>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, $"{name}-desktop.png"), FullPage = fullPage });
        await page.SetViewportSizeAsync(360, 780);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, $"{name}-360.png"), FullPage = fullPage });
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > 360");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.False(overflow, $"{name}: the page is wider than a 360 px phone screen.");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
