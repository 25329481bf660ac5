using PatchDb.Web.Services;
using PatchDb.Web.Services.Import;
using PatchDb.Web.Services.Models;

namespace PatchDb.Tests.Web;

public sealed class ImportRulesTests
{
    [Fact]
    public void Only_a_verified_top_match_is_filed_without_asking()
    {
        var verified = TestData.Match("Apollo", 0.9) with { Verified = true, Inliers = 40 };
        var unverified = TestData.Match("Gemini", 0.95);

        Assert.Equal(verified, ImportDecision.ConfirmedMatch(new UploadResponse([verified], TestData.Image(), [], "analyzed")));
        // The best match is not verified: even a verified runner-up is left to the collector.
        Assert.Null(ImportDecision.ConfirmedMatch(new UploadResponse([unverified, verified], TestData.Image(), [], "analyzed")));
        // Candidates are below the threshold, verified or not.
        Assert.Null(ImportDecision.ConfirmedMatch(new UploadResponse([], TestData.Image(), [], "analyzed") { Candidates = [verified] }));
        Assert.Null(ImportDecision.ConfirmedMatch(new UploadResponse([], TestData.Image(), [], "pending")));
    }

    [Fact]
    public void A_429_waits_as_long_as_Retry_After_says()
    {
        var limited = new ApiException(429, "Too many", retryAfter: TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), UploadRetryPolicy.DelayBeforeRetry(limited, 0, 1));
        Assert.Equal(TimeSpan.FromSeconds(1), UploadRetryPolicy.DelayBeforeRetry(new ApiException(429, "Too many"), 0, 1));
        Assert.Null(UploadRetryPolicy.DelayBeforeRetry(limited, 0, UploadRetryPolicy.MaxRateLimitedAttempts));
    }

    [Fact]
    public void Transient_failures_back_off_and_then_give_up()
    {
        var unreachable = ApiException.Unreachable();

        Assert.Equal(TimeSpan.FromSeconds(1), UploadRetryPolicy.DelayBeforeRetry(unreachable, 1, 0));
        Assert.Equal(TimeSpan.FromSeconds(4), UploadRetryPolicy.DelayBeforeRetry(new ApiException(503, "busy"), 3, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), UploadRetryPolicy.DelayBeforeRetry(new ApiException(409, "in progress", retryAfter: TimeSpan.FromSeconds(1)), 1, 0));
        Assert.Null(UploadRetryPolicy.DelayBeforeRetry(unreachable, UploadRetryPolicy.MaxTransientAttempts, 0));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(413)]
    [InlineData(415)]
    public void A_refused_photo_is_not_sent_again(int status) =>
        Assert.Null(UploadRetryPolicy.DelayBeforeRetry(new ApiException(status, "no"), 1, 0));
}
