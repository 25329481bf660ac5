namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// The default Hugging Face source of <c>clip-vit-b32</c>: immich's ONNX export of OpenAI's ViT-B/32, in the layout
/// its exporter writes (visual/model.onnx; textual/model.onnx with the tokenizer saved beside it). No hash is pinned
/// here: none could be looked up from an offline build, and a guessed one would only refuse the real files. An empty
/// value means trust on first use (<see cref="ClipModelLock"/>); a SHA-256 set in <c>Embedder:Clip:Files:{path}</c>
/// is checked instead and wins over the lock file.
/// </summary>
public static class ClipModelPins
{
    public const string Repository = "immich-app/ViT-B-32__openai";

    public const string Revision = "main";

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["visual/model.onnx"] = "",
        ["textual/model.onnx"] = "",
        ["textual/vocab.json"] = "",
        ["textual/merges.txt"] = "",
        ["textual/tokenizer_config.json"] = "",
    };
}
