using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PatchDb.Embedder.LocalFeatures;

namespace PatchDb.Embedder.Apis;

/// <summary>/v1/verify/evidence: the correspondences behind one verification, for showing why two photos matched.</summary>
public static class EvidenceApi
{
    public const int MaxPairs = 200;

    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1").MapPost("/verify/evidence", Evidence);
        return app;
    }

    public static Results<Ok<EvidenceResponse>, ValidationProblem, ProblemHttpResult> Evidence(
        [FromBody] EvidenceRequest body, LocalFeatureService features)
    {
        var errors = new Dictionary<string, string[]>();
        var query = VerifyApi.Parse(body.Query, "query", errors);
        var candidate = VerifyApi.Parse(body.Candidate, "candidate", errors);
        if (body.MaxPairs is < 0 or > MaxPairs)
        {
            errors["max_pairs"] = [$"Give 0–{MaxPairs}."];
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

        var (inliers, pairs) = VerificationEvidence.Find(query!, candidate!, features.Options.Ratio, features.Options.ReprojectionPixels,
            body.MaxPairs ?? MaxPairs);
        return TypedResults.Ok(new EvidenceResponse(inliers, pairs));
    }
}
