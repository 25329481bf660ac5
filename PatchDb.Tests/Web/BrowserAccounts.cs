using Microsoft.Playwright;

namespace PatchDb.Tests.Web;

/// <summary>Account steps that several browser journeys start with.</summary>
public static class BrowserAccounts
{
    /// <summary>Signs up through the real form and waits for the (empty) collection.</summary>
    public static async Task SignUpAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("signup");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.FillAsync("#confirm", password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your collection");
    }
}
