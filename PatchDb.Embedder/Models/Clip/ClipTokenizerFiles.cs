using System.Text.Json;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>Reads a <see cref="ClipTokenizer"/> from a model's textual folder (vocab.json, merges.txt, tokenizer_config.json).</summary>
public static class ClipTokenizerFiles
{
    public const string Vocab = "vocab.json";
    public const string Merges = "merges.txt";
    public const string Config = "tokenizer_config.json";

    public static bool Exist(string folder) =>
        File.Exists(Path.Combine(folder, Vocab)) && File.Exists(Path.Combine(folder, Merges));

    public static ClipTokenizer Load(string folder, int contextLength = 77)
    {
        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllBytes(Path.Combine(folder, Vocab)))
            ?? throw new InvalidDataException($"{Path.Combine(folder, Vocab)} is empty.");
        return new ClipTokenizer(vocab, ReadMerges(Path.Combine(folder, Merges)), contextLength, ReadPadToken(folder));
    }

    private static IEnumerable<(string, string)> ReadMerges(string path)
    {
        var lines = File.ReadAllLines(path);
        // The first line is a "#version" header; later lines may legitimately start with '#'.
        foreach (var line in lines.Skip(lines.Length > 0 && lines[0].StartsWith("#version", StringComparison.Ordinal) ? 1 : 0))
        {
            var space = line.IndexOf(' ');
            if (space > 0 && space < line.Length - 1)
            {
                yield return (line[..space], line[(space + 1)..]);
            }
        }
    }

    private static string? ReadPadToken(string folder)
    {
        var path = Path.Combine(folder, Config);
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!doc.RootElement.TryGetProperty("pad_token", out var pad))
        {
            return null;
        }

        // Hugging Face writes either "pad_token": "x" or "pad_token": { "content": "x", ... }.
        return pad.ValueKind switch
        {
            JsonValueKind.String => pad.GetString(),
            JsonValueKind.Object when pad.TryGetProperty("content", out var content) => content.GetString(),
            _ => null,
        };
    }
}
