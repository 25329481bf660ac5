using System.Globalization;

namespace PatchDb.Web.Components.Shared;

public static class Scores
{
    /// <summary>A 0..1 similarity as a whole percentage ("87%").</summary>
    public static string Percent(double score) =>
        Math.Round(Math.Clamp(score, 0, 1) * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";
}
