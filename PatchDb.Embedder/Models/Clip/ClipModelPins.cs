namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// The pinned Hugging Face source of <c>clip-vit-b32</c>. The commit id and SHA-256 values are deliberately empty:
/// they could not be looked up from this (offline) environment and must not be guessed. Before enabling
/// downloads, fill <c>Embedder:Clip:Revision</c> with a commit of the repository and
/// <c>Embedder:Clip:Files:{path}</c> with each file's SHA-256 (Hugging Face shows it as the LFS "oid sha256" on the
/// file page); until then a download attempt fails with a message saying so.
/// </summary>
public static class ClipModelPins
{
    public const string Repository = "immich-app/ViT-B-32__openai";

    public const string? Revision = null;

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["visual/model.onnx"] = "",
        ["textual/model.onnx"] = "",
        ["textual/vocab.json"] = "",
        ["textual/merges.txt"] = "",
        ["textual/tokenizer_config.json"] = "",
    };
}
