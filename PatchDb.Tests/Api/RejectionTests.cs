using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Services;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>"Not this one" end to end: real Embedder, real Postgres.</summary>
public sealed class RejectionTests(TestInfrastructure infra)
{
    private const string Design = "nasa-sts-129";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rejected_group_is_never_proposed_again_for_that_photo_until_the_rejection_is_undone()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var user = await ApiUser.CreateAsync(host, Ct);
        var (group, _) = await user.EnrolAsync(Design, Ct);
        var query = await user.UploadOkAsync(TestImages.Query(Design, 3), Ct);
        var patchId = query.GetProperty("patch").GetProperty("id").GetGuid();
        Assert.Contains(group, Proposed(query));

        var reject = await user.Client.PostAsJsonAsync($"/{user.Id}/patch/{patchId}/rejections", new { group_id = group }, ApiUser.Json, Ct);
        Assert.Equal(HttpStatusCode.NoContent, reject.StatusCode);
        // Twice is once.
        Assert.Equal(HttpStatusCode.NoContent,
            (await user.Client.PostAsJsonAsync($"/{user.Id}/patch/{patchId}/rejections", new { group_id = group }, ApiUser.Json, Ct)).StatusCode);
        Assert.DoesNotContain(group, Proposed(await user.GetJsonAsync($"/{user.Id}/patch/{patchId}", Ct)));

        // A re-index analyses the photo again (pretend it predates cut-outs): the decision stays.
        await using (var db = host.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE images SET cutout_confidence = NULL WHERE id = {patchId}", Ct);
        }
        await using (var scope = host.Host.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Reindexer>().RunAsync(Ct));
        }
        Assert.DoesNotContain(group, Proposed(await user.GetJsonAsync($"/{user.Id}/patch/{patchId}", Ct)));

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/{user.Id}/patch/{patchId}/rejections/{group}", Ct)).StatusCode);
        Assert.Contains(group, Proposed(await user.GetJsonAsync($"/{user.Id}/patch/{patchId}", Ct)));
    }

    [Fact]
    public async Task Rejections_go_with_the_photo_or_the_group_and_need_a_group_id()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var ids = new List<Guid>();
        for (var k = 0; k < 3; k++)
        {
            ids.Add((await user.UploadOkAsync(TestImages.Gallery(Design, k), Ct)).GetProperty("patch").GetProperty("id").GetGuid());
        }
        var group = (await user.SendJsonAsync(HttpMethod.Post, $"/{user.Id}/group", new { patch_id = ids[0], name = "G" }, Ct)).GetProperty("id").GetGuid();
        foreach (var id in ids.Skip(1))
        {
            var response = await user.Client.PostAsJsonAsync($"/{user.Id}/patch/{id}/rejections", new { group_id = group }, ApiUser.Json, Ct);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        await Problem.AssertAsync(await user.Client.PostAsJsonAsync($"/{user.Id}/patch/{ids[1]}/rejections", new { }, Ct), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await user.Client.PostAsJsonAsync($"/{user.Id}/patch/{ids[1]}/rejections",
            new { group_id = Guid.NewGuid() }, ApiUser.Json, Ct), HttpStatusCode.NotFound);

        (await user.Client.DeleteAsync($"/{user.Id}/patch/{ids[1]}", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(1, await CountAsync(host));
        (await user.Client.DeleteAsync($"/{user.Id}/group/{group}", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(0, await CountAsync(host));
    }

    private static List<Guid> Proposed(JsonElement answer) =>
    [
        .. answer.GetProperty("matches").EnumerateArray().Concat(answer.GetProperty("candidates").EnumerateArray())
            .Select(m => m.GetProperty("group_id").GetGuid()),
    ];

    private static async Task<int> CountAsync(ApiTestHost host)
    {
        await using var db = host.CreateDbContext();
        return await db.Rejections.CountAsync(Ct);
    }
}
