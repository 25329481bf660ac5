using System.Net;
using System.Net.Http.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Copies of a group: stored, listed after the original fields, spares = copies − 1, bad input refused.</summary>
public sealed class CopiesTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copies_round_trip_with_spares_and_refuse_bad_input()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var image = (await alice.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var group = (await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = image, name = "Flag" }, Ct))
            .GetProperty("id").GetGuid();

        // A new group has one copy, listed after the original fields.
        var listed = Assert.Single((await alice.GetJsonAsync($"/{alice.Id}/patches", Ct)).GetProperty("patches").EnumerateArray());
        Assert.Equal(["id", "images", "name", "is_favorite", "copies"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, listed.GetProperty("copies").GetInt32());

        var set = await alice.SendJsonAsync(HttpMethod.Put, $"/{alice.Id}/group/{group}/copies", new { copies = 3 }, Ct);
        Assert.Equal(3, set.GetProperty("copies").GetInt32());
        Assert.Equal(2, set.GetProperty("spares").GetInt32());
        listed = Assert.Single((await alice.GetJsonAsync($"/{alice.Id}/patches", Ct)).GetProperty("patches").EnumerateArray());
        Assert.Equal(3, listed.GetProperty("copies").GetInt32());

        object[] bad = [new { copies = 0 }, new { copies = -2 }, new { copies = 1000 }, new { }, new { copies = "many" }, new { copies = 2.5 }];
        foreach (var body in bad)
        {
            var response = await alice.Client.PutAsJsonAsync($"/{alice.Id}/group/{group}/copies", body, Ct);
            await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        }
        await Problem.AssertAsync(await alice.Client.PutAsJsonAsync($"/{alice.Id}/group/{Guid.NewGuid()}/copies", new { copies = 2 }, Ct),
            HttpStatusCode.NotFound);

        // The refused requests changed nothing; the maximum is accepted.
        listed = Assert.Single((await alice.GetJsonAsync($"/{alice.Id}/patches", Ct)).GetProperty("patches").EnumerateArray());
        Assert.Equal(3, listed.GetProperty("copies").GetInt32());
        Assert.Equal(999, (await alice.SendJsonAsync(HttpMethod.Put, $"/{alice.Id}/group/{group}/copies", new { copies = 999 }, Ct))
            .GetProperty("copies").GetInt32());
    }
}
