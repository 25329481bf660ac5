using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// CLIP's byte-level BPE tokenizer, read from a model's <c>vocab.json</c> and <c>merges.txt</c>: text is
/// HTML-unescaped, whitespace-collapsed and lower-cased, split with CLIP's pattern, byte-encoded, merged by rank
/// with <c>&lt;/w&gt;</c> marking word ends, and wrapped in start/end tokens, truncated or padded to the context.
/// </summary>
public sealed partial class ClipTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";
    private const int MaxCachedWords = 50_000;

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<(string, string), int> _ranks;
    private readonly ConcurrentDictionary<string, string[]> _cache = new();

    public ClipTokenizer(Dictionary<string, int> vocab, IEnumerable<(string Left, string Right)> merges, int contextLength = 77, string? padToken = null)
    {
        _vocab = vocab;
        _ranks = [];
        foreach (var merge in merges)
        {
            _ranks.TryAdd(merge, _ranks.Count);
        }

        ContextLength = contextLength;
        StartToken = vocab.TryGetValue(StartOfText, out var start) ? start : throw new InvalidDataException($"The vocabulary has no {StartOfText}.");
        EndToken = vocab.TryGetValue(EndOfText, out var end) ? end : throw new InvalidDataException($"The vocabulary has no {EndOfText}.");
        // OpenAI's CLIP pads with 0; exports whose tokenizer_config names a pad token use that one.
        PadToken = padToken is not null && vocab.TryGetValue(padToken, out var pad) ? pad : 0;
    }

    public int ContextLength { get; }

    public int StartToken { get; }

    public int EndToken { get; }

    public int PadToken { get; }

    /// <summary>Token ids of <paramref name="text"/>: start, up to ContextLength - 2 tokens, end, padding.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(ContextLength) { StartToken };
        var room = ContextLength - 2;
        foreach (var piece in Pieces(text))
        {
            foreach (var token in piece)
            {
                if (ids.Count > room)
                {
                    break;
                }

                ids.Add(_vocab.TryGetValue(token, out var id) ? id : EndToken);
            }

            if (ids.Count > room)
            {
                break;
            }
        }

        ids.Add(EndToken);
        var result = new int[ContextLength];
        Array.Fill(result, PadToken);
        ids.CopyTo(result);
        return result;
    }

    /// <summary>The BPE tokens of <paramref name="text"/> as strings, word by word (no start/end tokens).</summary>
    public IEnumerable<string[]> Pieces(string text)
    {
        foreach (Match match in Pretokenizer().Matches(Normalize(text)))
        {
            yield return match.Value is StartOfText or EndOfText
                ? [match.Value]
                : Bpe(ClipByteEncoder.Encode(Encoding.UTF8.GetBytes(match.Value)));
        }
    }

    public static string Normalize(string text) =>
        Whitespace().Replace(WebUtility.HtmlDecode(WebUtility.HtmlDecode(text)), " ").Trim().ToLowerInvariant();

    private string[] Bpe(string word)
    {
        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var parts = new List<string>(word.Length);
        for (var i = 0; i < word.Length - 1; i++)
        {
            parts.Add(word[i].ToString());
        }

        parts.Add(word[^1] + "</w>");
        Merge(parts);
        var result = parts.ToArray();
        if (_cache.Count >= MaxCachedWords)
        {
            _cache.Clear();
        }

        _cache[word] = result;
        return result;
    }

    /// <summary>Repeatedly merges the lowest-ranked adjacent pair, every occurrence left to right.</summary>
    private void Merge(List<string> parts)
    {
        while (parts.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < parts.Count - 1; i++)
            {
                if (_ranks.TryGetValue((parts[i], parts[i + 1]), out var rank) && rank < bestRank)
                {
                    (best, bestRank) = (i, rank);
                }
            }

            if (best < 0)
            {
                return;
            }

            var (left, right) = (parts[best], parts[best + 1]);
            for (var i = best; i < parts.Count - 1; i++)
            {
                if (parts[i] == left && parts[i + 1] == right)
                {
                    parts[i] = left + right;
                    parts.RemoveAt(i + 1);
                }
            }
        }
    }

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex Pretokenizer();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
