namespace PatchDb.Api.Options;

/// <summary>
/// Turns one model's cosine similarity into the match score. A calibrated model gets a logistic curve centred on its
/// "same design" cosine (<see cref="Center"/>, calibrated on gallery photos), so a score of 0.5 means "as likely the
/// same design as not" whatever the model, and one threshold serves every model and user. Without a calibration
/// (<see cref="Width"/> = 0) the score is the cosine clamped to 0..1.
/// </summary>
public sealed class ScoreCalibration
{
    public static readonly ScoreCalibration Cosine = new();

    /// <summary>The cosine similarity that scores 0.5.</summary>
    public double Center { get; set; }

    /// <summary>How many cosine units move the score from 0.5 to about 0.73 (one logistic unit).</summary>
    public double Width { get; set; }

    public double Apply(double cosine) =>
        Width <= 0 ? Math.Clamp(cosine, 0, 1) : 1 / (1 + Math.Exp(-(cosine - Center) / Width));
}
