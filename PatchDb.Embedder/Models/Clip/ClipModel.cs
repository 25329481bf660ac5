using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime.Tensors;
using PatchDb.Embedder.Onnx;

namespace PatchDb.Embedder.Models.Clip;

/// <summary>
/// CLIP on ONNX Runtime in the immich layout: <c>visual/model.onnx</c> (float32 [N,3,S,S]) and optionally
/// <c>textual/model.onnx</c> (int32 or int64 [N,77]) with its tokenizer files. Every output is L2-normalised here,
/// whether or not the export already does it.
/// </summary>
public sealed class ClipModel : IEmbeddingModel, IDisposable
{
    private readonly OnnxSession _visual;
    private readonly OnnxSession? _textual;
    private readonly ClipTokenizer? _tokenizer;
    private readonly ClipPreprocessor _preprocessor;
    private readonly int _maxBatch;

    private ClipModel(string modelId, string source, OnnxSession visual, OnnxSession? textual, ClipTokenizer? tokenizer)
    {
        ModelId = modelId;
        Source = source;
        _visual = visual;
        _textual = textual;
        _tokenizer = tokenizer;
        _preprocessor = new ClipPreprocessor(ClipModelLayout.ImageSize(visual));
        _maxBatch = visual.Inputs[0].Shape[0] > 0 ? (int)visual.Inputs[0].Shape[0] : int.MaxValue;
        // One warm-up run checks the graph end to end and tells the embedding size when the model leaves it dynamic.
        Dimensions = EmbedImages([new RgbImage(_preprocessor.Size, _preprocessor.Size, new byte[_preprocessor.Size * _preprocessor.Size * 3])])[0].Length;
        if (textual is not null && EmbedText("").Length != Dimensions)
        {
            throw new InvalidDataException($"The textual model's embedding size differs from the visual model's ({Dimensions}).");
        }
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    public int PreferredInputLongSide => _preprocessor.Size * 2;

    public bool SupportsText => _textual is not null;

    public string Source { get; }

    public OnnxSession VisualSession => _visual;

    /// <summary>Loads <c>{folder}/visual/model.onnx</c> and, when present with its tokenizer, the textual model.</summary>
    public static ClipModel Load(string folder, string modelId, string source, OnnxSessionOptions options, bool includeTextual = true)
    {
        var visual = OnnxSession.Load(Path.Combine(folder, ClipModelLayout.VisualModel), options);
        OnnxSession? textual = null;
        try
        {
            var textualDir = Path.Combine(folder, ClipModelLayout.TextualDir);
            ClipTokenizer? tokenizer = null;
            if (includeTextual && File.Exists(Path.Combine(folder, ClipModelLayout.TextualModel)) && ClipTokenizerFiles.Exist(textualDir))
            {
                textual = OnnxSession.Load(Path.Combine(folder, ClipModelLayout.TextualModel), options);
                tokenizer = ClipTokenizerFiles.Load(textualDir, ClipModelLayout.ContextLength(textual));
            }

            return new ClipModel(modelId, source, visual, textual, tokenizer);
        }
        catch
        {
            textual?.Dispose();
            visual.Dispose();
            throw;
        }
    }

    public float[][] EmbedImages(IReadOnlyList<RgbImage> images)
    {
        if (images.Count <= _maxBatch)
        {
            return EmbedBatch(images);
        }

        // Exports with a fixed batch dimension (e.g. [1,3,224,224]) run in chunks of that size.
        return images.Chunk(_maxBatch).SelectMany(EmbedBatch).ToArray();
    }

    private float[][] EmbedBatch(IReadOnlyList<RgbImage> images)
    {
        if (images.Count == 0)
        {
            return [];
        }

        var length = _preprocessor.TensorLength;
        var batch = new float[images.Count * length];
        for (var i = 0; i < images.Count; i++)
        {
            _preprocessor.Process(images[i], batch.AsSpan(i * length, length));
        }

        var output = _visual.Run(batch, [images.Count, 3, _preprocessor.Size, _preprocessor.Size]);
        return SplitAndNormalize(output, images.Count);
    }

    public float[] EmbedText(string text)
    {
        if (_textual is null || _tokenizer is null)
        {
            throw new NotSupportedException($"Model '{ModelId}' has no text encoder.");
        }

        var ids = _tokenizer.Encode(text);
        long[] shape = [1, ids.Length];
        var output = _textual.Inputs[0].ElementType == TensorElementType.Int64
            ? _textual.Run(Array.ConvertAll(ids, id => (long)id), shape)
            : _textual.Run(ids, shape);
        return SplitAndNormalize(output, 1)[0];
    }

    public void Dispose()
    {
        _visual.Dispose();
        _textual?.Dispose();
    }

    private static float[][] SplitAndNormalize(OnnxOutput output, int count)
    {
        if (output.Shape.Length < 1 || output.Shape[0] != count || output.Data.Length % count != 0)
        {
            throw new OnnxRuntimeException($"Unexpected output shape [{string.Join(',', output.Shape)}] for a batch of {count}.");
        }

        var dims = output.Data.Length / count;
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var row = output.Data.AsSpan(i * dims, dims);
            var norm = TensorPrimitives.Norm(row);
            result[i] = new float[dims];
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, result[i]);
            }
        }

        return result;
    }
}
