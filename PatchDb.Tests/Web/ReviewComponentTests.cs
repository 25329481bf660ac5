using System.Globalization;
using Bunit;
using PatchDb.Web.Components.Shared;
using PatchDb.Web.Services.Models;

namespace PatchDb.Tests.Web;

public sealed class ReviewComponentTests : BunitContext
{
    public ReviewComponentTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void Tray_item_lists_its_suggestions_best_first_with_one_click_filing_and_not_this_one()
    {
        var best = TestData.Match("Apollo 11", 0.8) with { Verified = true, Inliers = 38 };
        var other = TestData.Match("Gemini 4", 0.3);
        var entry = new TrayEntry(TestData.Image()) { Analysis = new UploadResponse([], TestData.Image(), [], "analyzed") { Candidates = [other, best] } };
        GroupMatch? filed = null, rejected = null;

        var cut = Render<TrayItem>(ps => ps.Add(p => p.Entry, entry)
            .Add(p => p.OnFile, (GroupMatch m) => filed = m).Add(p => p.OnReject, (GroupMatch m) => rejected = m));

        var cards = cut.FindAll(".candidate-card");
        Assert.Equal(["Apollo 11", "Gemini 4"], cards.Select(c => c.QuerySelector(".card-title")!.TextContent));
        Assert.Equal("Confirmed by 38 matching details", cards[0].QuerySelector(".verdict")!.TextContent);
        Assert.Equal("Similar colours and layout, not confirmed", cards[1].QuerySelector(".verdict")!.TextContent);
        Assert.Equal($"evidence/{entry.Image.Id}/{best.GroupId}", cards[0].QuerySelector("a.why")!.GetAttribute("href"));
        cards[0].QuerySelector("button.button:not(.secondary)")!.Click();
        Assert.Equal(best, filed);
        cut.FindAll(".candidate-card")[1].QuerySelector("button.secondary")!.Click();
        Assert.Equal(other, rejected);
    }

    [Fact]
    public void A_far_off_unconfirmed_suggestion_is_not_called_similar() =>
        Assert.Equal("Little alike, not confirmed", PatchDb.Web.Components.Shared.Scores.Verdict(TestData.Match("Apollo 11", 0.02)));

    [Fact]
    public void A_rejected_suggestion_leaves_the_tray_item()
    {
        var wrong = TestData.Match("Apollo 11", 0.5);
        var entry = new TrayEntry(TestData.Image()) { Analysis = new UploadResponse([wrong], TestData.Image(), [], "analyzed") };

        entry.Rejected.Add(wrong.GroupId);

        Assert.Empty(entry.Suggestions);
        var cut = Render<TrayItem>(ps => ps.Add(p => p.Entry, entry));
        Assert.Contains("start a new group", cut.Find(".tray-body").TextContent);
    }

    [Fact]
    public void Covers_use_the_cut_out_when_the_Api_has_one_and_the_square_otherwise()
    {
        var plain = TestData.Image();
        var cutout = TestData.Image();
        cutout = cutout with { CutoutPath = cutout.Path + "/cutout", CutoutConfidence = 0.9 };
        var withCutout = new PatchGroup(Guid.CreateVersion7(), [plain, cutout], "Apollo", false);
        var without = new PatchGroup(Guid.CreateVersion7(), [plain], "Gemini", false);

        var cut = Render<GroupGrid>(ps => ps.Add(p => p.Groups, [withCutout, without]));

        var covers = cut.FindAll(".group-card .cover img");
        Assert.Equal($"img/{cutout.Path.Trim('/')}/cutout", covers[0].GetAttribute("src"));
        Assert.Contains("cutout", covers[0].ClassList);
        Assert.Equal($"img/{plain.Path.Trim('/')}/square", covers[1].GetAttribute("src"));
        Assert.DoesNotContain("cutout", covers[1].ClassList);

        var match = TestData.Match("Apollo", 0.9);
        match = match with { CutoutPath = match.Path + "/cutout" };
        var card = Render<MatchCard>(ps => ps.Add(p => p.Match, match));
        Assert.Equal($"img/{match.Path.Trim('/')}/cutout", card.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void Evidence_draws_one_line_per_correspondence_between_the_two_squares()
    {
        var user = Guid.CreateVersion7();
        var (patch, group, image) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var evidence = new Evidence(patch, group, image, true, 2, 0.91, "Confirmed by 2 matching details",
            $"/{user}/images/{patch}/square", $"/{user}/images/{image}/square",
            [new Correspondence(0.5, 0.25, 0.5, 0.75), new Correspondence(0, 1, 1, 0)]);

        var cut = Render<EvidenceView>(ps => ps.Add(p => p.Evidence, evidence).Add(p => p.GroupName, "Apollo 11"));

        var images = cut.FindAll("svg image");
        Assert.Equal($"img/{user}/images/{patch}/square", images[0].GetAttribute("href"));
        Assert.Equal($"img/{user}/images/{image}/square", images[1].GetAttribute("href"));
        var lines = cut.FindAll("svg line");
        Assert.Equal(2, lines.Count);
        // The group's square starts right of the query's (512 px) and a 24 px gap.
        Assert.Equal(["256", "128", "792", "384"], new[] { "x1", "y1", "x2", "y2" }.Select(a => lines[0].GetAttribute(a)!));
        Assert.Equal(["0", "512", "1048", "0"], new[] { "x1", "y1", "x2", "y2" }.Select(a => lines[1].GetAttribute(a)!));
        Assert.Equal("Confirmed by 2 matching details", cut.Find(".summary").TextContent);
        Assert.Equal("2", cut.Find(".inliers").TextContent);
        Assert.Equal(91.ToString(CultureInfo.InvariantCulture) + "%", cut.FindAll(".evidence-facts dd")[2].TextContent);
        Assert.Contains("Best photo in Apollo 11", cut.Find("figcaption").TextContent);
    }
}
