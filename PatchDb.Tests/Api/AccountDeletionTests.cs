using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchDb.Api.Storage;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Deleting an account leaves no row of the user in any table and none of their blobs in the store, except
/// blobs another user also references.</summary>
public sealed class AccountDeletionTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deletion_removes_every_row_and_every_unshared_blob()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        var shared = await File.ReadAllBytesAsync(TestImages.Gallery("flag-ar", 0), Ct);
        var own = await File.ReadAllBytesAsync(TestImages.Gallery("nasa-sts-001", 0), Ct);
        var aliceImages = new List<Guid>();
        foreach (var bytes in new[] { shared, own })
        {
            var upload = await alice.UploadBytesAsync(bytes, "p.jpg", Ct);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            aliceImages.Add((await upload.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("patch").GetProperty("id").GetGuid());
        }
        var group = (await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = aliceImages[0], name = "Mine" }, Ct))
            .GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/shares", new { scope = "group", group_id = group }, Ct);
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/shares", new { scope = "collection" }, Ct);
        var bobImage = (await bob.UploadBytesAsync(shared, "same.jpg", Ct)).StatusCode;
        Assert.Equal(HttpStatusCode.Created, bobImage);
        var login = await host.CreateClient().PostAsJsonAsync("/login", new { username = alice.Username, password = "correct horse" }, Ct);
        var refresh = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("refresh_token").GetString();
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            // The test means something only if there was something to delete in each kind of table.
            Assert.True(await RowsOfAsync(connection, alice.Id, aliceImages) >= 8);
        }

        var deleted = await alice.SendJsonAsync(HttpMethod.Delete, $"/{alice.Id}/account", null, Ct);
        Assert.Equal("Account deleted", deleted.GetProperty("message").GetString());

        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal(0, await RowsOfAsync(connection, alice.Id, aliceImages));
        }
        var stored = new HashSet<string>();
        await foreach (var entry in host.Host.Services.GetRequiredService<IBlobStore>().ListAsync(Ct))
        {
            stored.Add(entry.Sha256 ?? entry.Name);
        }
        Assert.DoesNotContain(Sha(own), stored);
        Assert.Contains(Sha(shared), stored);
        var bobList = await bob.GetJsonAsync($"/{bob.Id}/patches", Ct);
        var bobPath = Assert.Single(bobList.GetProperty("ungrouped_patches").EnumerateArray()).GetProperty("path").GetString();
        Assert.Equal(shared, await bob.Client.GetByteArrayAsync(bobPath, Ct));
        await Problem.AssertAsync(await host.CreateClient().PostAsJsonAsync("/refresh", new { refresh_token = refresh }, Ct),
            HttpStatusCode.Unauthorized);
        var again = await host.CreateClient().PostAsJsonAsync("/login", new { username = alice.Username, password = "correct horse" }, Ct);
        await Problem.AssertAsync(again, HttpStatusCode.Unauthorized);
        // Her access token is still unexpired: it reaches nothing, and an upload with it stores nothing.
        await Problem.AssertAsync(await alice.Client.GetAsync($"/{alice.Id}/patches", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await alice.UploadBytesAsync(own, "late.jpg", Ct), HttpStatusCode.NotFound);
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal(0, await RowsOfAsync(connection, alice.Id, aliceImages));
        }
    }

    /// <summary>Rows of the user in every table with a user_id column, the user row, and rows hanging off the user's
    /// images (embeddings, features, queued analyses), found from the schema so a new table is covered too.</summary>
    private static async Task<long> RowsOfAsync(NpgsqlConnection connection, Guid userId, List<Guid> images)
    {
        var tables = new List<(string Table, string Column)>();
        await using (var columns = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND (column_name = 'user_id' OR (column_name = 'image_id' AND table_name <> 'images'))
            """, connection))
        await using (var reader = await columns.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        Assert.Contains(("share_links", "user_id"), tables);
        Assert.Contains(("refresh_tokens", "user_id"), tables);
        long total = 0;
        foreach (var (table, column) in tables.Append(("users", "id")))
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE {column} = ANY(@ids)", connection);
            count.Parameters.AddWithValue("ids", column == "image_id" ? images.ToArray() : [userId]);
            total += (long)(await count.ExecuteScalarAsync(Ct))!;
        }
        return total;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
