using Bunit;
using PatchDb.Web.Components.Shared;
using PatchDb.Web.Services.Models;

namespace PatchDb.Tests.Web;

public sealed class UploadResultTests : BunitContext
{
    public UploadResultTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void Shows_matches_best_first_with_percent_scores()
    {
        var result = new UploadResponse(
            [TestData.Match("Apollo 11", 0.612), TestData.Match("STS-1", 0.9349)], TestData.Image(), [], "analyzed");

        var cut = Render<UploadResult>(ps => ps.Add(p => p.Result, result));

        var cards = cut.FindAll(".match-card");
        Assert.Equal(2, cards.Count);
        Assert.Contains("STS-1", cards[0].TextContent);
        Assert.Contains("93%", cards[0].QuerySelector(".score")!.TextContent);
        Assert.Contains("61%", cards[1].QuerySelector(".score")!.TextContent);
        Assert.Contains("Best match: STS-1 (93%)", cut.Find("[role=status]").TextContent);
        Assert.Equal("Best matching photo in STS-1", cards[0].QuerySelector("img")!.GetAttribute("alt"));
    }

    [Fact]
    public void One_click_adds_to_the_matched_group()
    {
        var best = TestData.Match("STS-1", 0.9);
        GroupMatch? added = null;
        var cut = Render<UploadResult>(ps => ps
            .Add(p => p.Result, new UploadResponse([best], TestData.Image(), [], "analyzed"))
            .Add(p => p.OnAddToGroup, (GroupMatch m) => added = m));

        cut.Find(".match-card button").Click();

        Assert.Equal(best, added);
    }

    [Fact]
    public void Pending_analysis_is_shown_as_pending()
    {
        var cut = Render<UploadResult>(ps => ps.Add(p => p.Result, new UploadResponse([], TestData.Image(), [], "pending")));

        Assert.Contains("Analysis pending", cut.Find(".pending").TextContent);
        Assert.Empty(cut.FindAll(".match-card"));
    }

    [Fact]
    public void New_group_prompts_for_a_name_and_refuses_an_empty_one()
    {
        NewGroupRequest? requested = null;
        var cut = Render<UploadResult>(ps => ps
            .Add(p => p.Result, new UploadResponse([], TestData.Image(), [], "analyzed"))
            .Add(p => p.OnCreateGroup, (NewGroupRequest r) => requested = r));

        cut.Find(".new-group button").Click();
        cut.Find("form").Submit();
        Assert.Null(requested);
        Assert.Equal("Enter a name for the group.", cut.Find(".validation-message").TextContent);
        Assert.Equal("true", cut.Find("#group-name").GetAttribute("aria-invalid"));

        cut.Find("#group-name").Input("  Apollo 13 ");
        cut.Find("form").Submit();
        Assert.Equal(new NewGroupRequest("Apollo 13"), requested);
    }

    [Fact]
    public void Ungrouped_look_alike_can_start_a_group_with_the_upload()
    {
        var lookAlike = new ImageMatch(Guid.CreateVersion7(), "/u/images/x", 0.8);
        NewGroupRequest? requested = null;
        var cut = Render<UploadResult>(ps => ps
            .Add(p => p.Result, new UploadResponse([], TestData.Image(), [lookAlike], "analyzed"))
            .Add(p => p.OnCreateGroup, (NewGroupRequest r) => requested = r));

        Assert.Contains("80%", cut.Find(".match-card .score").TextContent);
        cut.Find(".match-card button").Click();
        cut.Find($"#group-with-{lookAlike.Id}").Input("Gemini");
        cut.Find(".match-card form").Submit();

        Assert.Equal(new NewGroupRequest("Gemini", lookAlike), requested);
    }
}
