using System.Globalization;
using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Components.Shared;

public static class Scores
{
    /// <summary>A 0..1 similarity as a whole percentage ("87%").</summary>
    public static string Percent(double score) =>
        Math.Round(Math.Clamp(score, 0, 1) * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>What a suggestion's evidence amounts to, in words.</summary>
    public static string Verdict(GroupMatch match) => match switch
    {
        { Verified: true, Inliers: { } n } => $"Confirmed by {n} matching details",
        { Verified: true } => "Confirmed by matching details",
        { Score: < 0.1 } => "Little alike, not confirmed",
        _ => "Similar colours and layout, not confirmed",
    };
}
