namespace PatchDb.Web.Services.Models;

/// <summary>One verified pair: a point in the query square and the same detail in the group photo's square (0..1).</summary>
public sealed record Correspondence(double Qx, double Qy, double Gx, double Gy);
