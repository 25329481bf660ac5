using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PatchDb.Api.Contracts;
using PatchDb.Api.Embedding;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Options;
using PatchDb.Api.Recognition;
using PatchDb.Api.Services;

namespace PatchDb.Api.Apis;

public static class SearchApi
{
    private const int MaxQueryLength = 500;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapUserGroup().MapGet("/search", Search).WithName("Search");
        return app;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> Search(
        [FromRoute(Name = "user_id")] Guid userId, [FromQuery(Name = "q")] string? query, EmbedderClient embedder, MatchIndex index,
        PatchDbContext db, IOptions<RecognitionOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength)
        {
            return Problems.Invalid("q", $"The query must be 1 to {MaxQueryLength} characters long.");
        }
        var result = await embedder.EmbedTextAsync(query.Trim(), cancellationToken);
        switch (result.Outcome)
        {
            case EmbedderOutcome.NotSupported:
                return Problems.Status(StatusCodes.Status501NotImplemented, "Text search not available",
                    "The active recognition model has no text encoder, so images cannot be searched by text.");
            case EmbedderOutcome.Unavailable:
                return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Recognition unavailable",
                    "The recognition service is unavailable; try again later.");
            case EmbedderOutcome.Rejected:
                return Problems.Invalid("q", result.Detail ?? "The query was refused.");
        }
        var embedding = result.Value!;
        var matches = await index.MatchAsync(userId, embedding.ModelId, embedding.Embedding, ScoreCalibration.Cosine, options.Value.TextThreshold,
            options.Value.MaxMatches, null, cancellationToken);
        var (groups, ungrouped, _) = await MatchPresenter.PresentAsync(db, userId, matches, cancellationToken);
        return TypedResults.Ok(new SearchResponse(groups, ungrouped, embedding.ModelId));
    }
}
