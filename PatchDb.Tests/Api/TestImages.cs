using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

internal static class TestImages
{
    public static string Gallery(string design, int k) => Path.Combine(RepoPaths.BenchPatches, "gallery", $"{design}_{k}.jpg");

    public static string Query(string design, int k) => Path.Combine(RepoPaths.BenchPatches, "query", $"{design}_{k}.jpg");

    public static string Any => Gallery("flag-ae", 0);
}
