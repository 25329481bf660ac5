using System.Security.Cryptography;

namespace PatchDb.Tests.Drills.Harness;

/// <summary>A benchmark photo, read by path from the shared data folder.</summary>
public sealed record DrillPhoto(string Path, string Design, bool IsQuery)
{
    public byte[] Bytes => File.ReadAllBytes(Path);

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));

    public static DrillPhoto Of(string path) =>
        new(path, System.IO.Path.GetFileNameWithoutExtension(path)[..System.IO.Path.GetFileNameWithoutExtension(path).LastIndexOf('_')],
            System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)) == "query");
}
