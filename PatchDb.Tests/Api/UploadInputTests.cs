using System.Net;
using System.Net.Http.Headers;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>Bad uploads get the right problem and leave nothing behind (no rows, no blobs).</summary>
public sealed class UploadInputTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_uploads_answer_problems_and_store_nothing()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null,
            new Dictionary<string, string?> { ["Storage:MaxUploadBytes"] = "200000" });
        var user = await ApiUser.CreateAsync(host, Ct);
        var upload = $"/{user.Id}/upload";

        var noFile = new MultipartFormDataContent { { new StringContent("hello"), "comment" } };
        var problem = await Problem.AssertAsync(await user.Client.PostAsync(upload, noFile, Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("image", out _));

        var wrongField = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(TestImages.Any)), "photo", "a.jpg" } };
        await Problem.AssertAsync(await user.Client.PostAsync(upload, wrongField, Ct), HttpStatusCode.BadRequest);

        var notMultipart = new ByteArrayContent(File.ReadAllBytes(TestImages.Any));
        notMultipart.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        // A body that is not multipart/form-data at all is the wrong media type for this endpoint.
        await Problem.AssertAsync(await user.Client.PostAsync(upload, notMultipart, Ct), HttpStatusCode.UnsupportedMediaType);

        var malformed = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\nabc");
        malformed.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await Problem.AssertAsync(await user.Client.PostAsync(upload, malformed, Ct), HttpStatusCode.BadRequest);

        var big = new byte[300_000];
        File.ReadAllBytes(TestImages.Any).AsSpan(0, 1000).CopyTo(big);
        await Problem.AssertAsync(await user.UploadBytesAsync(big, "big.jpg", Ct), HttpStatusCode.RequestEntityTooLarge);
        // A body far over the limit (here in a field that is not the image) is cut off by the server itself.
        var huge = new MultipartFormDataContent { { new ByteArrayContent(new byte[2_000_000]), "padding" } };
        await Problem.AssertAsync(await user.Client.PostAsync(upload, huge, Ct), HttpStatusCode.RequestEntityTooLarge);

        await Problem.AssertAsync(await user.UploadBytesAsync("this is not an image at all"u8.ToArray(), "a.jpg", Ct),
            HttpStatusCode.UnsupportedMediaType);
        await Problem.AssertAsync(await user.UploadBytesAsync([], "empty.jpg", Ct), HttpStatusCode.UnsupportedMediaType);

        await using var db = host.CreateDbContext();
        Assert.Empty(db.Images);
        Assert.Empty(db.Blobs);
        Assert.Empty(Directory.EnumerateFiles(host.BlobRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Uploads_are_rate_limited_per_user()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null,
            new Dictionary<string, string?>
            {
                ["RateLimiting:UploadPermitLimit"] = "2", ["RateLimiting:UploadTokensPerPeriod"] = "1",
                ["RateLimiting:UploadReplenishmentPeriod"] = "00:10:00",
            });
        var alice = await ApiUser.CreateAsync(host, Ct);
        var bob = await ApiUser.CreateAsync(host, Ct);
        await alice.UploadOkAsync(TestImages.Any, Ct);
        await alice.UploadOkAsync(TestImages.Any, Ct);
        var limited = await alice.UploadAsync(TestImages.Any, Ct);
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter is not null);
        // The quota is the caller's: requests aimed at Bob's path with Carol's token do not use up Bob's.
        var carol = await ApiUser.CreateAsync(host, Ct);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await carol.Client.PostAsync($"/{bob.Id}/upload", new MultipartFormDataContent(), Ct)).StatusCode);
        }
        await bob.UploadOkAsync(TestImages.Any, Ct);
        await bob.UploadOkAsync(TestImages.Any, Ct);
    }

    [Fact]
    public async Task The_upload_bucket_lets_a_burst_bigger_than_the_old_window_through_then_answers_429()
    {
        // A bucket of 150 (the old fixed window allowed 120 a minute) refilled by one token an hour.
        await using var host = await ApiTestHost.StartAsync(infra, null,
            new Dictionary<string, string?>
            {
                ["RateLimiting:UploadPermitLimit"] = "150", ["RateLimiting:UploadTokensPerPeriod"] = "1",
                ["RateLimiting:UploadReplenishmentPeriod"] = "01:00:00",
            });
        var user = await ApiUser.CreateAsync(host, Ct);
        // Requests without a file are cheap and still take a token (the limiter runs before the endpoint).
        for (var i = 0; i < 149; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await user.Client.PostAsync($"/{user.Id}/upload", new MultipartFormDataContent(), Ct)).StatusCode);
        }
        await user.UploadOkAsync(TestImages.Any, Ct);
        var limited = await user.UploadAsync(TestImages.Any, Ct);
        await Problem.AssertAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var user = await ApiUser.CreateAsync(host, Ct);
        var unknown = Guid.NewGuid();
        var client = user.Client;
        await Problem.AssertAsync(await client.DeleteAsync($"/{user.Id}/patch/{unknown}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.DeleteAsync($"/{user.Id}/group/{unknown}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.PutAsync($"/{user.Id}/group/{unknown}/favorite", null, Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.GetAsync($"/{user.Id}/images/{unknown}", Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.GetAsync($"/{user.Id}/nothing-here", Ct), HttpStatusCode.NotFound);
        var json = new { patch_id = unknown, group_id = unknown, name = "x" };
        await Problem.AssertAsync(await client.PatchAsync($"/{user.Id}/group", System.Net.Http.Json.JsonContent.Create(json), Ct), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await client.PostAsync($"/{user.Id}/group", System.Net.Http.Json.JsonContent.Create(json), Ct), HttpStatusCode.NotFound);

        var wrongType = await client.PatchAsync($"/{user.Id}/group", System.Net.Http.Json.JsonContent.Create(new { patch_id = 12, group_id = unknown }), Ct);
        Assert.True((await Problem.AssertAsync(wrongType, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("patch_id", out _));

        var missing = await client.PostAsync($"/{user.Id}/group", System.Net.Http.Json.JsonContent.Create(new { }), Ct);
        var problem = await Problem.AssertAsync(missing, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("patch_id", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }
}
