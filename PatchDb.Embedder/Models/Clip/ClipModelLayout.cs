using Microsoft.ML.OnnxRuntime.Tensors;
using PatchDb.Embedder.Onnx;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>File layout of immich's CLIP model repositories and the defaults it implies.</summary>
public static class ClipModelLayout
{
    public const string VisualModel = "visual/model.onnx";
    public const string TextualDir = "textual";
    public const string TextualModel = "textual/model.onnx";

    /// <summary>The square input size the visual model declares ([N,3,S,S]); 224 when dynamic.</summary>
    public static int ImageSize(OnnxSession visual)
    {
        var input = visual.Inputs.Count == 1 ? visual.Inputs[0] : throw new InvalidDataException($"'{visual.Path}' must have one input.");
        if (input.ElementType != TensorElementType.Float || input.Shape.Length != 4 || input.Shape[1] is not (3 or -1))
        {
            throw new InvalidDataException($"'{visual.Path}' input {input} is not a float32 [N,3,H,W] image.");
        }

        var (h, w) = (input.Shape[2], input.Shape[3]);
        return h > 0 && w > 0 && h != w
            ? throw new InvalidDataException($"'{visual.Path}' input {input} is not square.")
            : (int)(h > 0 ? h : w > 0 ? w : 224);
    }

    /// <summary>The token count the textual model declares ([N,L]); 77 when dynamic.</summary>
    public static int ContextLength(OnnxSession textual)
    {
        var input = textual.Inputs.Count == 1 ? textual.Inputs[0] : throw new InvalidDataException($"'{textual.Path}' must have one input.");
        if (input.ElementType is not (TensorElementType.Int32 or TensorElementType.Int64) || input.Shape.Length != 2)
        {
            throw new InvalidDataException($"'{textual.Path}' input {input} is not an int32/int64 [N,L] token tensor.");
        }

        return input.Shape[1] > 0 ? (int)input.Shape[1] : 77;
    }
}
