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
    public void Without_a_match_the_candidates_are_offered_and_one_click_adds_to_one()
    {
        var candidate = TestData.Match("STS-2", 0.31);
        GroupMatch? added = null;
        var cut = Render<UploadResult>(ps => ps
            .Add(p => p.Result, new UploadResponse([], TestData.Image(), [], "analyzed") { Candidates = [TestData.Match("Apollo 11", 0.05), candidate] })
            .Add(p => p.OnAddToGroup, (GroupMatch m) => added = m));

        Assert.Contains("No confident match", cut.Find("[role=status]").TextContent);
        var list = cut.Find("ul.candidates");
        Assert.Equal("Could it be one of these?", list.GetAttribute("aria-label"));
        var cards = list.QuerySelectorAll(".match-card");
        Assert.Equal(2, cards.Length);
        Assert.Contains("31%", cards[0].QuerySelector(".score")!.TextContent);
        cut.Find("ul.candidates .match-card button").Click();
        Assert.Equal(candidate, added);
    }

    [Fact]
    public void Candidates_come_after_the_matches_as_less_likely()
    {
        var cut = Render<UploadResult>(ps => ps.Add(p => p.Result,
            new UploadResponse([TestData.Match("STS-1", 0.9)], TestData.Image(), [], "analyzed") { Candidates = [TestData.Match("STS-2", 0.2)] }));

        Assert.Contains("Best match: STS-1", cut.Find("[role=status]").TextContent);
        Assert.Equal("Less likely groups", cut.Find("ul.candidates").GetAttribute("aria-label"));
        Assert.Equal(["STS-1", "STS-2"], cut.FindAll(".match-card .card-title").Select(t => t.TextContent.Trim()));
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
