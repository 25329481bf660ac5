using PatchDb.Web.Services;

namespace PatchDb.Tests.Web;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/groups/1?x=2", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("groups/1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_paths_of_this_site_are_redirect_targets(string? url, bool local)
    {
        Assert.Equal(local, ReturnUrls.IsLocal(url));
        Assert.Equal(local ? url : "/", ReturnUrls.OrHome(url));
    }
}
