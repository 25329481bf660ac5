using System.Net;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Taking a photo out of its group (the Web's undo of an automatic filing): it is ungrouped again, the group
/// keeps its other photos, and a second call or an unknown photo is answered plainly.</summary>
public sealed class RemoveFromGroupTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_removed_photo_is_ungrouped_again_and_the_group_keeps_the_rest()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var first = (await alice.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var second = (await alice.UploadOkAsync(TestImages.Gallery("flag-ae", 1), Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var group = (await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = first, name = "Flag" }, Ct))
            .GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Patch, $"/{alice.Id}/group", new { patch_id = second, group_id = group }, Ct);

        var removed = await alice.Client.DeleteAsync($"/{alice.Id}/patch/{second}/group", Ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.DeleteAsync($"/{alice.Id}/patch/{second}/group", Ct)).StatusCode);

        var list = await alice.GetJsonAsync($"/{alice.Id}/patches", Ct);
        var kept = Assert.Single(list.GetProperty("patches").EnumerateArray());
        Assert.Equal([first], kept.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal([second], list.GetProperty("ungrouped_patches").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        await Problem.AssertAsync(await alice.Client.DeleteAsync($"/{alice.Id}/patch/{Guid.NewGuid()}/group", Ct), HttpStatusCode.NotFound);
    }
}
