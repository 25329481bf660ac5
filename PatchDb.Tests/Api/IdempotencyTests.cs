using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatchDb.Api.Storage;
using PatchDb.Tests.Infrastructure;
using static PatchDb.Tests.Api.IdempotentUploads;

namespace PatchDb.Tests.Api;

/// <summary>Idempotency-Key on uploads: a retry replays the first answer; the rows in Postgres are the proof.</summary>
public sealed class IdempotencyTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retry_with_the_same_key_replays_the_first_answer_and_stores_one_image()
    {
        await using var embedder = EmbedderTestHost.Start(infra);
        await using var host = await ApiTestHost.StartAsync(infra, embedder.Url);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        var photo = await File.ReadAllBytesAsync(TestImages.Gallery("flag-ae", 0), Ct);

        var (first, firstBody) = await CreatedAsync(await UploadAsync(alice, photo, "import-1/photo-1", Ct));
        var retry = await UploadAsync(alice, photo, "import-1/photo-1", Ct);
        var (again, againBody) = await CreatedAsync(retry);
        Assert.Equal(first, again);
        Assert.Equal(firstBody, againBody);
        Assert.Contains("\"analyzed\"", firstBody, StringComparison.Ordinal);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await ImagesAsync(host, alice));

        var (second, _) = await CreatedAsync(await UploadAsync(alice, photo, "import-1/photo-2", Ct));
        Assert.NotEqual(first, second);
        Assert.Equal(2, await ImagesAsync(host, alice));

        // Keys are per user: Bob's same key is his own upload.
        var (bobs, _) = await CreatedAsync(await UploadAsync(bob, photo, "import-1/photo-1", Ct));
        Assert.NotEqual(first, bobs);
        Assert.Equal(1, await ImagesAsync(host, bob));

        var other = await File.ReadAllBytesAsync(TestImages.Gallery("flag-ae", 1), Ct);
        await Problem.AssertAsync(await UploadAsync(alice, other, "import-1/photo-1", Ct), HttpStatusCode.UnprocessableEntity);

        // A refused upload remembers nothing: the same key then works for a real photo.
        await Problem.AssertAsync(await UploadAsync(alice, "not an image"u8.ToArray(), "import-1/photo-3", Ct), HttpStatusCode.UnsupportedMediaType);
        await CreatedAsync(await UploadAsync(alice, other, "import-1/photo-3", Ct));
        Assert.Equal(3, await ImagesAsync(host, alice));

        // Deleting the image forgets its key: the retry stores the photo again.
        Assert.True((await alice.Client.DeleteAsync($"/{alice.Id}/patch/{first}", Ct)).IsSuccessStatusCode);
        var (stored, _) = await CreatedAsync(await UploadAsync(alice, photo, "import-1/photo-1", Ct));
        Assert.NotEqual(first, stored);
    }

    [Fact]
    public async Task Bad_keys_are_400_problems_and_store_nothing()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var photo = await File.ReadAllBytesAsync(TestImages.Any, Ct);
        foreach (var key in new[] { "", "   ", new string('k', 201), "tab\tkey", "del\u007fkey" })
        {
            var problem = await Problem.AssertAsync(await UploadAsync(user, photo, key, Ct), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), key);
        }
        await CreatedAsync(await UploadAsync(user, photo, new string('k', 200), Ct));
        Assert.Equal(1, await ImagesAsync(host, user));
    }

    [Fact]
    public async Task Concurrent_duplicates_on_two_replicas_store_one_image()
    {
        var database = await infra.Postgres.CreateDatabaseAsync();
        await using var one = await ApiTestHost.StartAsync(infra, null, connectionString: database);
        await using var two = await ApiTestHost.StartAsync(infra, null, connectionString: database);
        var user = await ApiUser.CreateAsync(one, Ct);
        var users = new[] { user, ApiUser.OnHost(two, user) };
        var photo = await File.ReadAllBytesAsync(TestImages.Any, Ct);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => UploadAsync(users[i % 2], photo, "same-key", Ct)));
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await Problem.AssertAsync(response, HttpStatusCode.Conflict);
                Assert.NotNull(response.Headers.RetryAfter);
            }
            else
            {
                ids.Add((await CreatedAsync(response)).Id);
            }
        }
        Assert.Single(ids);
        Assert.Equal(ids.Single(), (await CreatedAsync(await UploadAsync(users[1], photo, "same-key", Ct))).Id);
        Assert.Equal(1, await ImagesAsync(one, user));
        Assert.Equal(1L, await ScalarAsync(database, $"SELECT count(*) FROM upload_keys WHERE user_id = '{user.Id}'"));
    }

    [Fact]
    public async Task An_in_flight_key_is_409_an_abandoned_one_is_taken_over_and_expired_ones_are_swept()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var photo = await File.ReadAllBytesAsync(TestImages.Any, Ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        // Claims as another replica leaves them: one busy right now, one whose replica died ten minutes ago.
        await ScalarAsync(host.ConnectionString, $"""
            INSERT INTO upload_keys (user_id, key, request_sha256, created_at) VALUES
            ('{user.Id}', 'busy', '{sha}', now()), ('{user.Id}', 'abandoned', '{sha}', now() - interval '10 minutes')
            """);
        var busy = await UploadAsync(user, photo, "busy", Ct);
        await Problem.AssertAsync(busy, HttpStatusCode.Conflict);
        Assert.NotNull(busy.Headers.RetryAfter);
        Assert.Equal(0, await ImagesAsync(host, user));
        var (taken, _) = await CreatedAsync(await UploadAsync(user, photo, "abandoned", Ct));

        // 25 hours later the key is gone (the sweep deletes it); its image stays.
        await ScalarAsync(host.ConnectionString, $"UPDATE upload_keys SET created_at = now() - interval '25 hours' WHERE key = 'abandoned'");
        await host.Host.Services.GetRequiredService<BlobSweeper>().SweepAsync(Ct);
        Assert.Equal(1L, await ScalarAsync(host.ConnectionString, $"SELECT count(*) FROM upload_keys WHERE user_id = '{user.Id}'"));
        Assert.Equal(1, await ImagesAsync(host, user));
        var (fresh, _) = await CreatedAsync(await UploadAsync(user, photo, "abandoned", Ct));
        Assert.NotEqual(taken, fresh);
    }

    private static async Task<int> ImagesAsync(ApiTestHost host, ApiUser user)
    {
        await using var db = host.CreateDbContext();
        return await db.Images.CountAsync(i => i.UserId == user.Id, Ct);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
