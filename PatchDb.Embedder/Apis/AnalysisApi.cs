using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Embedder.Apis;

public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1");
        api.MapPost("/analyze", AnalyzeAsync).DisableAntiforgery();
        api.MapPost("/embed-text", EmbedTextAsync);
        api.MapGet("/model", GetModelAsync);
        return app;
    }

    public static async Task<Results<Ok<AnalysisResponse>, ProblemHttpResult>> AnalyzeAsync(
        [AsParameters] AnalysisRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // A body declared too large is refused at once, without waiting for a slot.
            RequestBody.ThrowIfDeclaredTooLarge(request.HttpContext, request.Services.Limits.MaxBytes);
            if (request.Services.TestingDelay > TimeSpan.Zero)
            {
                await Task.Delay(request.Services.TestingDelay, cancellationToken);
            }
            using var slot = await request.Services.Throttle.EnterAsync(cancellationToken);
            var bytes = await RequestBody.ReadLimitedAsync(request.HttpContext, request.Services.Limits.MaxBytes, cancellationToken);
            return TypedResults.Ok(await request.Services.Analyzer.AnalyzeAsync(bytes, cancellationToken));
        }
        catch (ImageRejectedException e)
        {
            request.Services.Telemetry.Rejected(e.StatusCode);
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, title: e.Title);
        }
    }

    public static async Task<Results<Ok<EmbedTextResponse>, ProblemHttpResult, ValidationProblem>> EmbedTextAsync(
        [FromBody] EmbedTextRequest body, [AsParameters] AnalysisRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = ["Give a non-empty text of at most 1000 characters."],
            });
        }

        var model = await request.Services.Model.GetAsync(cancellationToken);
        if (!model.SupportsText)
        {
            return TypedResults.Problem(
                $"The active model {model.ModelId} has no text encoder; text search needs the {EmbedderOptions.ClipModelId} model.",
                statusCode: StatusCodes.Status501NotImplemented, title: "Text embedding not supported");
        }

        return TypedResults.Ok(new EmbedTextResponse(model.ModelId, model.EmbedText(body.Text)));
    }

    public static async Task<Ok<ModelInfoResponse>> GetModelAsync([AsParameters] AnalysisRequest request, CancellationToken cancellationToken)
    {
        var model = await request.Services.Model.GetAsync(cancellationToken);
        return TypedResults.Ok(new ModelInfoResponse(model.ModelId, model.Dimensions, model.SupportsText, model.Source));
    }
}
