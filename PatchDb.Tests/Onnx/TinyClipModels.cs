using System.Text.Json;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Onnx;

/// <summary>The tiny CLIP-shaped test model made by eng/make-test-models.py, generated on first use if missing.</summary>
public static class TinyClipModels
{
    private static readonly Lazy<Task<string>> s_folder = new(GenerateAsync);

    public static Task<string> FolderAsync() => s_folder.Value;

    public static async Task<JsonElement> GoldenAsync()
    {
        var folder = await FolderAsync();
        using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "golden.json")));
        return doc.RootElement.Clone();
    }

    private static async Task<string> GenerateAsync()
    {
        // The script is idempotent and fast when the folder is current, so it always runs once per test run.
        await Tools.RunAsync("/usr/bin/python3", [Path.Combine(RepoPaths.Root, "eng", "make-test-models.py"), "--out", RepoPaths.ModelsDir]);
        return Path.Combine(RepoPaths.ModelsDir, "tiny-clip");
    }
}
