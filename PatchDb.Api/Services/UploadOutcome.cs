using PatchDb.Api.Contracts;

namespace PatchDb.Api.Services;

/// <summary>Either a response or the problem to report (status, title, detail).</summary>
public sealed record UploadOutcome(UploadResponse? Response, int ProblemStatus = 0, string? ProblemTitle = null, string? ProblemDetail = null)
{
    public static UploadOutcome Problem(int status, string title, string detail) => new(null, status, title, detail);
}
