using Bunit;
using PatchDb.Web.Components.Shared;
using PatchDb.Web.Services.Models;

namespace PatchDb.Tests.Web;

public sealed class GroupGridTests : BunitContext
{
    [Fact]
    public void Lists_favourites_first_then_by_name_with_cover_count_and_star()
    {
        var groups = new[]
        {
            TestData.Group("Zebra", 1),
            TestData.Group("Apollo", 3),
            TestData.Group("Mercury", 2, favorite: true),
        };

        var cut = Render<GroupGrid>(ps => ps.Add(p => p.Groups, groups));

        var titles = cut.FindAll(".group-card .card-title").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Mercury", "Apollo", "Zebra"], titles);
        var apollo = cut.FindAll(".group-card")[1];
        Assert.Contains("3 photos", apollo.TextContent);
        Assert.Equal($"img/{groups[1].Images[0].Path.Trim('/')}/square", apollo.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal($"groups/{groups[1].Id}", apollo.QuerySelector("h2 a")!.GetAttribute("href"));
        var stars = cut.FindAll("button.star");
        Assert.Equal("true", stars[0].GetAttribute("aria-pressed"));
        Assert.Equal("false", stars[1].GetAttribute("aria-pressed"));
        Assert.Equal("Favourite Apollo", stars[1].GetAttribute("aria-label"));
    }

    [Fact]
    public void Favourites_filter_hides_the_others_and_explains_when_empty()
    {
        var groups = new[] { TestData.Group("Apollo", 1), TestData.Group("Mercury", 1, favorite: true) };
        var filtered = false;

        var cut = Render<GroupGrid>(ps => ps
            .Add(p => p.Groups, groups)
            .Add(p => p.FavoritesOnly, false)
            .Add(p => p.FavoritesOnlyChanged, (bool value) => filtered = value));
        cut.Find("input[type=checkbox]").Change(true);
        Assert.True(filtered);

        cut.Render(ps => ps.Add(p => p.FavoritesOnly, true));
        Assert.Equal(["Mercury"], cut.FindAll(".card-title").Select(e => e.TextContent.Trim()));

        cut.Render(ps => ps.Add(p => p.Groups, new[] { TestData.Group("Apollo", 1) }));
        Assert.Contains("No favourites yet", cut.Find(".empty").TextContent);
    }

    [Fact]
    public void Star_reports_the_group_to_toggle()
    {
        var group = TestData.Group("Apollo", 2);
        PatchGroup? toggled = null;

        var cut = Render<GroupGrid>(ps => ps
            .Add(p => p.Groups, new[] { group })
            .Add(p => p.OnToggleFavorite, (PatchGroup g) => toggled = g));
        cut.Find("button.star").Click();

        Assert.Equal(group, toggled);
    }

    [Fact]
    public void Empty_collection_invites_an_upload()
    {
        var cut = Render<GroupGrid>(ps => ps.Add(p => p.Groups, Array.Empty<PatchGroup>()));

        Assert.Contains("Upload a photo", cut.Find(".empty").TextContent);
        Assert.Empty(cut.FindAll(".group-card"));
    }
}
