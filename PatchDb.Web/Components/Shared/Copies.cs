namespace PatchDb.Web.Components.Shared;

/// <summary>"3 copies · 2 spares": the spares are the copies beyond the first, the ones to trade.</summary>
public static class Copies
{
    public const int Max = 999;

    public static string Describe(int copies)
    {
        var spares = Math.Max(copies - 1, 0);
        var owned = copies == 1 ? "1 copy" : $"{copies} copies";
        return spares switch
        {
            0 => owned,
            1 => $"{owned} · 1 spare",
            _ => $"{owned} · {spares} spares",
        };
    }
}
