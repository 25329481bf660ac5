using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using PatchDb.Web.Components.Shared;
using PatchDb.Web.Services.Import;

namespace PatchDb.Tests.Web;

public sealed class ImportComponentTests : BunitContext
{
    [Fact]
    public void Picker_takes_many_photos_at_once_from_a_phones_picker()
    {
        IReadOnlyList<IBrowserFile>? chosen = null;
        var cut = Render<BulkPicker>(ps => ps.Add(p => p.OnFilesSelected, (IReadOnlyList<IBrowserFile> f) => chosen = f));

        var input = cut.Find("#import-files");
        Assert.True(input.HasAttribute("multiple"));
        Assert.Equal("image/*", input.GetAttribute("accept"));
        var files = Enumerable.Range(0, 200).Select(i => InputFileContent.CreateFromBinary([1, 2, 3], $"p{i}.jpg", contentType: "image/jpeg")).ToArray();
        cut.FindComponent<InputFile>().UploadFiles(files);

        Assert.Equal(200, chosen?.Count);
        Assert.Equal("p199.jpg", chosen![199].Name);
    }

    [Fact]
    public void Picker_refuses_more_than_its_limit_with_a_message()
    {
        var called = false;
        var cut = Render<BulkPicker>(ps => ps.Add(p => p.MaxFiles, 2).Add(p => p.OnFilesSelected, (IReadOnlyList<IBrowserFile> _) => called = true));

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("a", "a.jpg"), InputFileContent.CreateFromText("b", "b.jpg"), InputFileContent.CreateFromText("c", "c.jpg"));

        Assert.False(called);
        Assert.Contains("choose at most 2", cut.Find("[role=alert]").TextContent);
    }

    [Fact]
    public void List_shows_progress_outcomes_and_an_undo_for_each_filed_photo()
    {
        var sending = new ImportItem(new MemoryBrowserFile("sending.jpg", [1]));
        sending.State = ImportState.Sending;
        sending.SetPercent(40);
        var filed = new ImportItem(new MemoryBrowserFile("filed.jpg", [1]))
        {
            State = ImportState.Filed, Patch = TestData.Image(), FiledInto = TestData.Match("Apollo 11", 0.9), Message = "Filed into Apollo 11",
        };
        var tray = new ImportItem(new MemoryBrowserFile("tray.jpg", [1])) { State = ImportState.InTray, Patch = TestData.Image(), Message = "Not sure" };
        ImportItem? undone = null;

        var cut = Render<ImportList>(ps => ps.Add(p => p.Items, [sending, filed, tray]).Add(p => p.OnUndo, (ImportItem i) => undone = i));

        var rows = cut.FindAll(".import-row");
        Assert.Equal(["state-sending", "state-filed", "state-intray"], rows.Select(r => r.ClassList.Last()));
        Assert.Equal("40", rows[0].QuerySelector("progress")!.GetAttribute("value"));
        Assert.Contains("Filed into Apollo 11", rows[1].TextContent);
        Assert.Equal(filed.Patch!.Id.ToString(), rows[1].GetAttribute("data-patch-id"));
        Assert.Empty(rows[2].QuerySelectorAll("button"));
        rows[1].QuerySelector("button")!.Click();
        Assert.Same(filed, undone);
    }

    [Fact]
    public void Each_photo_keeps_one_idempotency_key_and_progress_moves_in_visible_steps()
    {
        var item = new ImportItem(new MemoryBrowserFile("a.jpg", [1]));
        var key = item.IdempotencyKey;

        Assert.True(item.SetPercent(10));
        Assert.False(item.SetPercent(15));
        Assert.True(item.SetPercent(100));
        Assert.Equal(key, item.IdempotencyKey);
        Assert.NotEqual(key, new ImportItem(new MemoryBrowserFile("a.jpg", [1])).IdempotencyKey);
    }
}
