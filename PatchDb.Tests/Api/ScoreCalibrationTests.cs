using PatchDb.Api.Options;

namespace PatchDb.Tests.Api;

public sealed class ScoreCalibrationTests
{
    [Fact]
    public void The_api_centres_classic_v1_on_the_models_own_gallery_calibrated_threshold()
    {
        var classic = new RecognitionOptions().CalibrationFor("classic-v1");

        Assert.Equal(PatchDb.Embedder.Models.Classic.ClassicV1Model.SuggestedThreshold, classic.Center, 6);
        Assert.True(classic.Width > 0);
    }

    [Fact]
    public void A_calibrated_model_scores_one_half_at_its_centre_and_rises_monotonically()
    {
        var classic = new RecognitionOptions().CalibrationFor("classic-v1");

        Assert.Equal(0.5, classic.Apply(classic.Center), 9);
        Assert.Equal(1 / (1 + Math.Exp(-1)), classic.Apply(classic.Center + classic.Width), 9);
        double[] cosines = [-1, 0, 0.8, 0.9, 0.92, 0.95, 1];
        var scores = cosines.Select(classic.Apply).ToArray();
        Assert.Equal(scores.Order(), scores);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.True(scores[2] < 0.01, "an unrelated patch's typical cosine (0.8) must read as a low score");
    }

    [Fact]
    public void An_uncalibrated_model_scores_its_cosine_clamped()
    {
        var other = new RecognitionOptions().CalibrationFor("clip-vit-b32");

        Assert.Equal(0, other.Apply(-0.3));
        Assert.Equal(0.42, other.Apply(0.42), 9);
        Assert.Equal(1, other.Apply(1.2));
    }
}
