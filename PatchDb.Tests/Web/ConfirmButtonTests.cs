using Bunit;
using PatchDb.Web.Components.Shared;

namespace PatchDb.Tests.Web;

public sealed class ConfirmButtonTests : BunitContext
{
    public ConfirmButtonTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void Deletes_only_after_confirmation()
    {
        var confirmed = 0;
        var cut = Render<ConfirmButton>(ps => ps
            .Add(p => p.Id, "delete-group")
            .Add(p => p.Text, "Delete group")
            .Add(p => p.Question, "Delete Apollo and its 3 photos?")
            .Add(p => p.OnConfirm, () => confirmed++));

        cut.Find("button").Click();
        Assert.Equal(0, confirmed);
        Assert.Equal("Delete Apollo and its 3 photos?", cut.Find("[role=alertdialog] p").TextContent);

        cut.FindAll("button").Single(b => b.TextContent == "Cancel").Click();
        Assert.Equal(0, confirmed);
        Assert.Empty(cut.FindAll("[role=alertdialog]"));

        cut.Find("button").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Yes, delete").Click();
        Assert.Equal(1, confirmed);
    }
}
