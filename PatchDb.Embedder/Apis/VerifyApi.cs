using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Apis;

public static class VerifyApi
{
    private const int MaxDesignLength = 100;

    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").MapPost("/verify", Verify);
        return app;
    }

    public static Results<Ok<VerifyResponse>, ValidationProblem, ProblemHttpResult> Verify(
        [FromBody] VerifyRequest body, LocalFeatureService features)
    {
        var errors = new Dictionary<string, string[]>();
        var query = Parse(body.Query, "query", errors);
        var max = features.Options.MaxCandidates;
        var candidates = new List<LocalFeatureSet>();
        if (body.Candidates is not { Length: > 0 } || body.Candidates.Length > max)
        {
            errors["candidates"] = [$"Give 1–{max} candidates, not {body.Candidates?.Length ?? 0}."];
        }
        else
        {
            for (var i = 0; i < body.Candidates.Length; i++)
            {
                if (Parse(body.Candidates[i], $"candidates[{i}]", errors) is { } candidate)
                {
                    candidates.Add(candidate);
                }
            }
        }

        if (body.Designs is { } designs && (designs.Length != (body.Candidates?.Length ?? 0)
            || designs.Any(d => d is not null && (string.IsNullOrWhiteSpace(d) || d.Length > MaxDesignLength))))
        {
            errors["designs"] = [$"Give one design label (1–{MaxDesignLength} characters, or null for none) per candidate, or no designs."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!features.IsAvailable)
        {
            return TypedResults.Problem("OpenCV's native library (OpenCvSharp4.official.runtime, which needs libgtk-3-0) does not load here.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Verification unavailable");
        }

        if (body.Designs is null)
        {
            return TypedResults.Ok(new VerifyResponse(features.Verify(query!, candidates)));
        }

        var (all, distinctive) = features.VerifyByDesign(query!, candidates, body.Designs);
        return TypedResults.Ok(new VerifyResponse(all, distinctive));
    }

    /// <summary>Decodes one blob, or records why not. Base64 itself was checked by binding (a 400 naming the field).</summary>
    internal static LocalFeatureSet? Parse(byte[]? blob, string field, Dictionary<string, string[]> errors)
    {
        try
        {
            if (blob is null)
            {
                errors[field] = ["Missing: give a base64 PDLF blob."];
                return null;
            }

            return LocalFeatureSet.Decode(blob);
        }
        catch (LocalFeatureFormatException e)
        {
            errors[field] = [e.Message];
        }

        return null;
    }
}
