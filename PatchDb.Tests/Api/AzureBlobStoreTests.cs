using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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

    [Fact]
    public async Task A_commit_of_bytes_already_stored_leaves_the_blob_untouched_and_an_overwrite_is_refused()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var host = await ApiTestHost.StartAsync(infra, null, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = "conditional",
        });
        var store = host.Host.Services.GetRequiredService<IBlobStore>();
        byte[] bytes = [.. "content-addressed"u8];
        var blob = new BlobContainerClient(azurite.ConnectionString, "conditional").GetBlobClient(Convert.ToHexStringLower(SHA256.HashData(bytes)));

        await store.CommitAsync(await store.StageAsync(new MemoryStream(bytes), 100, Ct), Ct);
        var first = (await blob.GetPropertiesAsync(cancellationToken: Ct)).Value.ETag;
        var again = await store.StageAsync(new MemoryStream(bytes), 100, Ct);
        await store.CommitAsync(again, Ct);

        Assert.Equal(first, (await blob.GetPropertiesAsync(cancellationToken: Ct)).Value.ETag);
        Assert.False(File.Exists(Path.Combine(host.BlobRoot, ".staging", again.StagingName)));
        // The guard the store relies on, as the SDK sends it: If-None-Match * refuses, a stale If-Match too.
        var exists = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromBytes(bytes),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, Ct));
        Assert.Equal(409, exists.Status);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromBytes(bytes),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag("\"0x8D000000000000\"") } }, Ct));
        Assert.Equal(412, stale.Status);
        await using var read = await store.OpenReadAsync(blob.Name, Ct);
        using var copy = new MemoryStream();
        await read!.CopyToAsync(copy, Ct);
        Assert.Equal(bytes, copy.ToArray());
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
