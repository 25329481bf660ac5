using System.Text.Json;
using Microsoft.Playwright;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Web;

/// <summary>
/// The first day of a collector with a box of patches, in Chromium against the real Web, Api, Embedder, Postgres and
/// Redis: an account holding 5 of 10 designs imports 30 photos of all 10 at once; confirmed matches are filed, the rest
/// are reviewed in the tray (filed from a suggestion, a wrong one rejected, new designs grouped from a selection), and
/// the stored collection ends up one group per design. Screenshots of the import list, the tray, the cut-out cover
/// grid and an evidence view (desktop and 360 px) go to artifacts/screenshots.
/// </summary>
public sealed class BulkImportJourneyTests(TestInfrastructure infra)
{
    private const string Password = "patches-4-ever";

    private static readonly (string Design, string Name)[] s_known =
    [
        ("flag-ar", "Argentina"), ("nasa-iss-exp16", "Expedition 16"), ("flag-jp", "Japan"), ("nasa-sts-114", "STS-114"), ("flag-br", "Brazil"),
    ];

    private static readonly (string Design, string Name)[] s_new =
    [
        ("flag-ca-mb", "Manitoba"), ("nasa-sts-036", "STS-36"), ("flag-gb-sct", "Scotland"), ("nasa-iss-exp41", "Expedition 41"), ("flag-ke", "Kenya"),
    ];

    // Three photos of each design that the seed (gallery 0) does not use: two gallery draws and one query draw.
    private static IEnumerable<string> PhotosOf(string design) =>
    [
        Path.Combine(RepoPaths.BenchPatches, "gallery", $"{design}_1.jpg"),
        Path.Combine(RepoPaths.BenchPatches, "gallery", $"{design}_2.jpg"),
        Path.Combine(RepoPaths.BenchPatches, "query", $"{design}_3.jpg"),
    ];

    private static string DesignOf(string file) => file[..file.LastIndexOf('_')];

    [Fact]
    public async Task Import_thirty_photos_file_the_confirmed_review_the_rest_and_end_with_one_group_per_design()
    {
        await using var stack = await WebStack.StartAsync(infra);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(stack.WebAddress);
        var username = $"importer-{Guid.NewGuid():N}"[..22];
        await BrowserAccounts.SignUpAsync(page, username, Password);
        using var api = await ApiSeed.SignInAsync(stack, username, Password);
        var groups = await api.SeedAsync(s_known);
        var nameOf = s_known.Concat(s_new).ToDictionary(d => d.Design, d => d.Name);

        // Import all 30 at once.
        await page.ClickAsync("nav >> text=Import");
        await Assertions.Expect(page.Locator(".picker[data-ready] #import-files")).ToBeEnabledAsync();
        await page.SetInputFilesAsync("#import-files", s_known.Concat(s_new).SelectMany(d => PhotosOf(d.Design)).ToArray());
        await Assertions.Expect(page.Locator(".import-row")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator("#batch-title")).ToContainTextAsync("Imported: 30 of 30 done", new() { Timeout = 600_000 });
        var rows = await ImportRowsAsync(page);
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.NotEqual(Guid.Empty, r.PatchId));
        var filed = rows.Where(r => r.State == "state-filed").ToList();
        var tray = rows.Where(r => r.State == "state-intray").ToList();
        Assert.Equal(30, filed.Count + tray.Count);
        // Confirmed matches only: some known designs are filed, every one into its own design's group; new designs never are.
        Assert.NotEmpty(filed);
        Assert.All(filed, r => Assert.Contains($"Filed into {nameOf[DesignOf(r.File)]}", r.Text));
        Assert.All(rows.Where(r => s_new.Any(d => d.Design == DesignOf(r.File))), r => Assert.Equal("state-intray", r.State));
        await WaitForImagesAsync(page);
        await Browser.ScreenshotAsync(page, "import-list");

        // Undo one filing: back in the tray, and that group is not suggested for it again.
        var undone = filed[0];
        await page.ClickAsync($".import-row[data-patch-id='{undone.PatchId}'] button:has-text('Undo')");
        await Assertions.Expect(page.Locator($".import-row[data-patch-id='{undone.PatchId}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("state-intray"));
        var undoneGroup = groups[nameOf[DesignOf(undone.File)]];
        Assert.DoesNotContain(undoneGroup, SuggestedGroups(await api.GetAsync($"patch/{undone.PatchId}")));

        // The evidence behind a confirmed match, and behind an unconfirmed candidate.
        var evidenceFor = filed.Count > 1 ? filed[1] : undone;
        await page.GotoAsync($"evidence/{evidenceFor.PatchId}/{groups[nameOf[DesignOf(evidenceFor.File)]]}");
        await Assertions.Expect(page.Locator(".evidence-facts .summary")).ToContainTextAsync("Confirmed by");
        Assert.True(await page.Locator(".evidence svg line").CountAsync() > 0);
        await WaitForImagesAsync(page);
        await Browser.ScreenshotAsync(page, "evidence");

        // The tray: every photo not filed, each known design's photo with its own group among the suggestions.
        await page.ClickAsync("nav >> text=Tray");
        var items = page.Locator(".tray-list > li");
        await Assertions.Expect(items).ToHaveCountAsync(tray.Count + 1);
        await Assertions.Expect(page.Locator(".tray-list .loading")).ToHaveCountAsync(0, new() { Timeout = 300_000 });
        await WaitForImagesAsync(page);
        await Browser.ScreenshotAsync(page, "tray", fullPage: false);

        // A new design's photo: its (wrong) first suggestion is rejected and stays away.
        var newcomer = tray.First(r => s_new.Any(d => d.Design == DesignOf(r.File)));
        var wrong = page.Locator($".tray-item[data-patch-id='{newcomer.PatchId}'] .candidate-card").First;
        var wrongGroup = Guid.Parse((await wrong.GetAttributeAsync("data-group-id"))!);
        await wrong.Locator("button:has-text('Not this one')").ClickAsync();
        await Assertions.Expect(page.Locator($".tray-item[data-patch-id='{newcomer.PatchId}'] .candidate-card[data-group-id='{wrongGroup}']")).ToHaveCountAsync(0);
        Assert.DoesNotContain(wrongGroup, SuggestedGroups(await api.GetAsync($"patch/{newcomer.PatchId}")));

        // Known designs: one click on the right suggestion (the undone one from the list, its group no longer suggested).
        foreach (var row in tray.Append(undone).Where(r => s_known.Any(d => d.Design == DesignOf(r.File))))
        {
            var item = page.Locator($".tray-item[data-patch-id='{row.PatchId}']");
            var group = groups[nameOf[DesignOf(row.File)]];
            if (row == undone)
            {
                await item.Locator("select").SelectOptionAsync(group.ToString());
                await item.Locator("button:has-text('File')").Last.ClickAsync();
            }
            else
            {
                await item.Locator($".candidate-card[data-group-id='{group}'] button:has-text('File here')").ClickAsync();
            }

            await Assertions.Expect(item).ToHaveCountAsync(0);
        }

        // New designs: select a design's photos, make a group of them.
        foreach (var (design, name) in s_new)
        {
            foreach (var row in rows.Where(r => DesignOf(r.File) == design))
            {
                await SelectAsync(page.Locator($".tray-item[data-patch-id='{row.PatchId}'] .select input"));
            }

            await Assertions.Expect(page.Locator(".tray-toolbar .selection")).ToHaveTextAsync("3 photos selected");
            await page.FillAsync("#selection-group-name", name);
            await page.ClickAsync(".tray-toolbar button:has-text('Create group')");
            await Assertions.Expect(page.Locator($".tray-item[data-patch-id='{rows.First(r => DesignOf(r.File) == design).PatchId}']")).ToHaveCountAsync(0);
        }

        await Assertions.Expect(page.Locator(".empty")).ToContainTextAsync("every photo is in a group");

        // What the Api stores: one group per design, holding exactly that design's photos; nothing left ungrouped.
        var collection = await api.GetAsync("patches");
        Assert.Empty(collection.GetProperty("ungrouped_patches").EnumerateArray());
        var stored = collection.GetProperty("patches").EnumerateArray()
            .ToDictionary(g => g.GetProperty("name").GetString()!, g => g.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToHashSet());
        Assert.Equal(nameOf.Values.Order(), stored.Keys.Order());
        foreach (var (design, name) in nameOf)
        {
            var imported = rows.Where(r => DesignOf(r.File) == design).Select(r => r.PatchId).ToHashSet();
            Assert.Superset(imported, stored[name]);
            Assert.Equal(s_known.Any(d => d.Design == design) ? 4 : 3, stored[name].Count);
        }

        // The collection grid with cut-out covers.
        await page.ClickAsync("nav >> text=Collection");
        await Assertions.Expect(page.Locator(".group-card")).ToHaveCountAsync(10);
        Assert.True(await page.Locator(".group-card .cover img.cutout").CountAsync() > 0, "no group has a cut-out cover");
        await WaitForImagesAsync(page);
        await Browser.ScreenshotAsync(page, "collection-cutouts");
        Assert.Empty(browser.Errors);
    }

    private sealed record ImportRow(string File, Guid PatchId, string State, string Text);

    // A click that lands while the tray re-renders after the last group was made can leave the box unchecked (seen
    // once in a fresh-clone CI run, session 9): click again, as a collector would. The toolbar's count still checks
    // what the server selected.
    private static async Task SelectAsync(ILocator box)
    {
        for (var attempt = 1; !await box.IsCheckedAsync(); attempt++)
        {
            try
            {
                await box.CheckAsync();
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<List<ImportRow>> ImportRowsAsync(IPage page)
    {
        var rows = new List<ImportRow>();
        foreach (var row in await page.Locator(".import-row").AllAsync())
        {
            var state = (await row.GetAttributeAsync("class"))!.Split(' ').Single(c => c.StartsWith("state-", StringComparison.Ordinal));
            var id = await row.GetAttributeAsync("data-patch-id");
            rows.Add(new ImportRow((await row.GetAttributeAsync("data-file"))!, id is null ? Guid.Empty : Guid.Parse(id), state, await row.InnerTextAsync()));
        }

        return rows;
    }

    private static IEnumerable<Guid> SuggestedGroups(JsonElement patch) =>
        patch.GetProperty("matches").EnumerateArray().Concat(patch.GetProperty("candidates").EnumerateArray())
            .Select(m => m.GetProperty("group_id").GetGuid()).ToList();

    // Full-page screenshots should show every photo: lazy ones below the fold are loaded first, and the SVG's images too.
    private static async Task WaitForImagesAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')");
        await page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
