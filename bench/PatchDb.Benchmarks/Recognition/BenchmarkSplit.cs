using System.Text;

namespace PatchDb.Benchmarks.Recognition;

/// <summary>A split folder laid out as ../shared/bench/patches: manifest.csv, gallery/, query/.</summary>
public sealed class BenchmarkSplit(string folder, IReadOnlyList<BenchmarkPhoto> photos)
{
    public string Folder => folder;

    public IReadOnlyList<BenchmarkPhoto> Photos => photos;

    public static BenchmarkSplit Load(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "manifest.csv"));
        var header = ParseCsvLine(lines[0]);
        int Col(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new FormatException($"manifest.csv has no '{name}' column.");
        var (design, role, file, category, distractor) = (Col("design_id"), Col("role"), Col("file"), Col("category"), Col("distractor"));
        var photos = lines.Skip(1).Where(l => l.Length > 0).Select(ParseCsvLine)
            .Select(f => new BenchmarkPhoto(f[design], f[role], f[file], f[category], f[distractor] == "1"))
            .ToList();
        return new BenchmarkSplit(folder, photos);
    }

    public string PathOf(BenchmarkPhoto photo) => Path.Combine(folder, photo.File);

    /// <summary>Splits one CSV record (RFC 4180 quoting: "a, b" and doubled quotes).</summary>
    public static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
