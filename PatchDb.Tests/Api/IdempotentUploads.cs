using System.Text.Json;

namespace PatchDb.Tests.Api;

/// <summary>Uploads with an Idempotency-Key header, for the idempotency tests.</summary>
internal static class IdempotentUploads
{
    public static async Task<HttpResponseMessage> UploadAsync(ApiUser user, byte[] bytes, string? key, CancellationToken cancellationToken)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "image", "photo.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{user.Id}/upload") { Content = content };
        if (key is not null)
        {
            Assert.True(request.Headers.TryAddWithoutValidation("Idempotency-Key", key));
        }
        return await user.Client.SendAsync(request, cancellationToken);
    }

    /// <summary>Asserts 201 and returns the image id and the raw body.</summary>
    public static async Task<(Guid Id, string Body)> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("patch").GetProperty("id").GetGuid(), body);
    }
}
