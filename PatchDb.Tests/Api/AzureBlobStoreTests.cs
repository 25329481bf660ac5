using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Api.Storage;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>The Azure Blob Storage provider against Azurite: same guarantees as the filesystem store.</summary>
public sealed class AzureBlobStoreTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Blobs_are_deduplicated_served_deleted_with_the_last_reference_and_swept()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await ApiTestHost.StartAsync(infra, null, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = "test-blobs",
            ["Storage:SweepGracePeriod"] = "00:00:00",
        });
        var store = host.Host.Services.GetRequiredService<IBlobStore>();
        Assert.IsType<AzureBlobStore>(store);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        var bytes = await File.ReadAllBytesAsync(TestImages.Any, Ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var a = (await alice.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        var b = (await bob.UploadOkAsync(TestImages.Any, Ct)).GetProperty("patch").GetProperty("id").GetGuid();
        Assert.Equal([sha], await StoredAsync(store));
        Assert.Equal(bytes, await alice.Client.GetByteArrayAsync($"/{alice.Id}/images/{a}", Ct));

        // An orphan (published, row never committed) goes with the sweep; referenced bytes stay.
        var orphan = await store.StageAsync(new MemoryStream("orphan"u8.ToArray()), 100, Ct);
        await store.CommitAsync(orphan, Ct);
        Assert.Equal(2, (await StoredAsync(store)).Count);
        Assert.Equal(1, await host.Host.Services.GetRequiredService<BlobSweeper>().SweepAsync(Ct));
        Assert.Equal([sha], await StoredAsync(store));

        await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/patch/{a}", null, Ct);
        Assert.Equal([sha], await StoredAsync(store));
        Assert.Equal(bytes, await bob.Client.GetByteArrayAsync($"/{bob.Id}/images/{b}", Ct));
        await bob.SendJsonAsync(HttpMethod.Delete, $"/{bob.Id}/patch/{b}", null, Ct);
        Assert.Empty(await StoredAsync(store));
        Assert.Null(await store.OpenReadAsync(sha, Ct));
    }

    private static async Task<List<string>> StoredAsync(IBlobStore store)
    {
        var hashes = new List<string>();
        await foreach (var entry in store.ListAsync(Ct))
        {
            if (entry.Sha256 is not null)
            {
                hashes.Add(entry.Sha256);
            }
        }
        return hashes;
    }
}
