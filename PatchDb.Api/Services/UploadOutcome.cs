using PatchDb.Api.Contracts;

namespace PatchDb.Api.Services;

/// <summary>Either a response or the problem to report (status, title, detail). <paramref name="Replayed"/>: the
/// answer of an earlier request with the same Idempotency-Key.</summary>
public sealed record UploadOutcome(UploadResponse? Response, int ProblemStatus = 0, string? ProblemTitle = null, string? ProblemDetail = null,
    bool Replayed = false)
{
    public static UploadOutcome Problem(int status, string title, string detail) => new(null, status, title, detail);
}
