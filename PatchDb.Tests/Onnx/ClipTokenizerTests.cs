using PatchDb.Embedder.Models.Clip;

namespace PatchDb.Tests.Onnx;

/// <summary>Known answers on the tiny vocabulary of eng/make-test-models.py (bytes, bytes + "&lt;/w&gt;", 21 merges, 2 specials).</summary>
public sealed class ClipTokenizerTests
{
    private static async Task<(ClipTokenizer Tokenizer, Dictionary<string, int> Vocab)> LoadAsync()
    {
        var folder = Path.Combine(await TinyClipModels.FolderAsync(), "textual");
        var vocab = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(
            await File.ReadAllBytesAsync(Path.Combine(folder, "vocab.json"), TestContext.Current.CancellationToken))!;
        return (ClipTokenizerFiles.Load(folder), vocab);
    }

    [Fact]
    public async Task A_word_is_split_by_the_merges_and_wrapped_in_start_and_end_tokens()
    {
        var (tokenizer, vocab) = await LoadAsync();

        var ids = tokenizer.Encode("patches");

        // p a t c h e s</w> → "h e" (rank 2) → "p a" → "t c" → "pa tc"; "patc h</w>" needs a word-final h.
        Assert.Equal([vocab["<|startoftext|>"], vocab["patc"], vocab["he"], vocab["s</w>"], vocab["<|endoftext|>"]], ids[..5]);
        Assert.Equal(["patch</w>"], Assert.Single(tokenizer.Pieces("patch")));
    }

    [Fact]
    public async Task Merges_apply_by_rank_not_by_position()
    {
        var (tokenizer, _) = await LoadAsync();

        // t c a t</w>: "a t</w>" (rank 0) beats "t c" (rank 12), then "c at</w>" (rank 1); left-first would give tc + at</w>.
        Assert.Equal(["t", "cat</w>"], Assert.Single(tokenizer.Pieces("tcat")));
    }

    [Fact]
    public async Task Pads_to_77_with_the_configured_pad_token()
    {
        var (tokenizer, vocab) = await LoadAsync();

        var ids = tokenizer.Encode("a photo of a cat");

        Assert.Equal(77, ids.Length);
        int[] expected = [vocab["<|startoftext|>"], vocab["a</w>"], vocab["photo</w>"], vocab["of</w>"], vocab["a</w>"], vocab["cat</w>"], vocab["<|endoftext|>"]];
        Assert.Equal(expected, ids[..7]);
        Assert.All(ids[7..], id => Assert.Equal(vocab["!"], id));
        Assert.Equal([vocab["<|startoftext|>"], vocab["<|endoftext|>"]], tokenizer.Encode("")[..2]);
    }

    [Fact]
    public async Task Lower_cases_collapses_whitespace_and_unescapes_html()
    {
        var (tokenizer, vocab) = await LoadAsync();

        Assert.Equal(tokenizer.Encode("hello world"), tokenizer.Encode("  HELLO \n\t  WoRlD  "));
        Assert.Equal(vocab["hello</w>"], tokenizer.Encode("Hello")[1]);
        Assert.Equal(tokenizer.Encode("a & b"), tokenizer.Encode("a &amp; b"));
    }

    [Fact]
    public async Task Pre_tokenises_like_clip_and_encodes_bytes_reversibly()
    {
        var (tokenizer, vocab) = await LoadAsync();

        Assert.Equal(new[] { new[] { "i", "t</w>" }, ["'", "s</w>"] }.Select(p => string.Join('|', p)),
            tokenizer.Pieces("It's").Select(p => string.Join('|', p)));
        Assert.Equal(["2</w>", "0</w>"], tokenizer.Pieces("20").Select(p => Assert.Single(p)));
        // é is UTF-8 C3 A9; both bytes are printable Latin-1 and stand for themselves.
        Assert.Equal([vocab["Ã"], vocab["©</w>"]], tokenizer.Encode("é")[1..3]);
        Assert.Equal(vocab["<|endoftext|>"], tokenizer.Encode("<|endoftext|>")[1]);
    }

    [Fact]
    public async Task Long_text_is_truncated_keeping_the_end_token()
    {
        var (tokenizer, vocab) = await LoadAsync();

        var ids = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("cat", 200)));

        Assert.Equal(77, ids.Length);
        Assert.Equal(vocab["<|startoftext|>"], ids[0]);
        Assert.All(ids[1..76], id => Assert.Equal(vocab["cat</w>"], id));
        Assert.Equal(vocab["<|endoftext|>"], ids[76]);
    }
}
