using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PatchDb.Api.Options;
using PatchDb.ServiceDefaults;

namespace PatchDb.Api.Embedding;

/// <summary>Typed client of the Embedder (base address <c>http://embedder</c>, resolved by service discovery).</summary>
public sealed class EmbedderClient(HttpClient http, EmbedderAvailability availability, IOptions<RecognitionOptions> options)
{
    public static readonly Uri BaseAddress = new("http://embedder");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <param name="timeout">How long to wait; <see cref="RecognitionOptions.AnalyzeTimeout"/> (an upload's wait) when null.</param>
    public Task<EmbedderResult<AnalysisResponse>> AnalyzeAsync(Stream image, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var content = new StreamContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync<AnalysisResponse>(new HttpRequestMessage(HttpMethod.Post, "/v1/analyze") { Content = content }.AsIdempotent(), cancellationToken,
            timeout);
    }

    public Task<EmbedderResult<TextEmbeddingResponse>> EmbedTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync<TextEmbeddingResponse>(
            new HttpRequestMessage(HttpMethod.Post, "/v1/embed-text") { Content = JsonContent.Create(new { text }, options: Json) }.AsIdempotent(),
            cancellationToken);

    /// <summary>Geometric verification of a query's local features against candidates' (PDLF blobs); a pure
    /// function of its input, so it may be retried like a GET.</summary>
    /// <summary>Inliers of each candidate; with <paramref name="designs"/> (each candidate's group, null when ungrouped),
    /// only those that tell its group from the other groups given.</summary>
    public Task<EmbedderResult<VerificationResponse>> VerifyAsync(byte[] query, IReadOnlyList<byte[]> candidates, CancellationToken cancellationToken,
        IReadOnlyList<string?>? designs = null) =>
        SendAsync<VerificationResponse>(
            new HttpRequestMessage(HttpMethod.Post, "/v1/verify") { Content = JsonContent.Create(new { query, candidates, designs }, options: Json) }.AsIdempotent(),
            cancellationToken);

    /// <summary>The inlier pairs of one query–candidate verification (pure, so retried like a GET).</summary>
    public Task<EmbedderResult<EvidenceAnswer>> EvidenceAsync(byte[] query, byte[] candidate, CancellationToken cancellationToken) =>
        SendAsync<EvidenceAnswer>(
            new HttpRequestMessage(HttpMethod.Post, "/v1/verify/evidence") { Content = JsonContent.Create(new { query, candidate }, options: Json) }.AsIdempotent(),
            cancellationToken);

    public Task<EmbedderResult<ModelInfo>> GetModelAsync(CancellationToken cancellationToken) =>
        SendAsync<ModelInfo>(new HttpRequestMessage(HttpMethod.Get, "/v1/model"), cancellationToken);

    private async Task<EmbedderResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken, TimeSpan? wait = null)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait ?? options.Value.AnalyzeTimeout);
        try
        {
            // A retry sends the same message again: buffered content can be read more than once.
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync(timeout.Token);
            }
            using var response = await http.SendAsync(request, timeout.Token);
            if ((int)response.StatusCode < 500)
            {
                availability.ReportAvailable();
            }
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token);
                return value is null
                    ? new(EmbedderOutcome.Unavailable, null, (int)response.StatusCode, "The Embedder sent an empty answer.")
                    : new(EmbedderOutcome.Success, value, (int)response.StatusCode, null);
            }
            var detail = await ReadDetailAsync(response, timeout.Token);
            var outcome = response.StatusCode switch
            {
                HttpStatusCode.NotImplemented => EmbedderOutcome.NotSupported,
                // 408 and 429 are the Embedder being busy, not a verdict on the input.
                HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => EmbedderOutcome.Unavailable,
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => EmbedderOutcome.Rejected,
                _ => EmbedderOutcome.Unavailable,
            };
            if (outcome == EmbedderOutcome.Unavailable)
            {
                availability.ReportUnavailable(options.Value.EmbedderQuarantine);
            }
            return new(outcome, null, (int)response.StatusCode, detail);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            availability.ReportUnavailable(options.Value.EmbedderQuarantine);
            return new(EmbedderOutcome.Unavailable, null, null, ex.Message);
        }
    }

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                (document.RootElement.TryGetProperty("detail", out var detail) || document.RootElement.TryGetProperty("title", out detail)) &&
                detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
        }
        return $"The Embedder answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
