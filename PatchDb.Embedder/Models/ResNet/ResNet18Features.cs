using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;
using PatchDb.Embedder.Onnx;

namespace PatchDb.Embedder.Models.ResNet;

/// <summary>
/// ImageNet ResNet18 (the ONNX file of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package, copied beside the
/// Embedder) run for its last convolutional feature map, 512 channels × 7 × 7, before the average pooling the
/// package's output applies: max-pooling that map keeps where a pattern is strongest, which retrieval needs.
/// Input: 224 × 224, BGR 0..255 minus the package's per-pixel ImageNet mean image, read once from the package's
/// preprocessing model (which only reorders RGB to BGR and subtracts that image: run on zeros, it returns −mean).
/// Thread-safe (ONNX Runtime sessions are); one intra-op thread was the fastest on two busy cores.
/// </summary>
public sealed class ResNet18Features : IDisposable
{
    public const int Side = 224;
    public const int Channels = 512;
    public const int Cells = 49;
    private const string InputName = "Input247";
    private const string FeatureMapName = "ReLU393_Output_0";

    private readonly InferenceSession _session;
    private readonly float[] _meanBgr;

    public ResNet18Features(string folder, int intraOpThreads = 1)
    {
        using var options = OnnxSessionFactory.CreateOptions(new OnnxSessionOptions { IntraOpThreads = intraOpThreads });
        using (var prep = new InferenceSession(Path.Combine(folder, "ResNetPreprocess.onnx"), options))
        {
            var negative = OnnxSessionFactory.RunFirstOutput(prep, "OriginalInput", "PreprocessedInput",
                new float[3 * Side * Side], [1, 3, Side, Side]).Data;
            _meanBgr = [.. negative.Select(v => -v)];
        }
        var model = OnnxGraphOutputs.WithOutput(File.ReadAllBytes(Path.Combine(folder, "ResNet18.onnx")), FeatureMapName);
        _session = new InferenceSession(model, options);
    }

    /// <summary>The folder beside the Embedder's assembly the build copies the package's two models to.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Models", "ResNet");

    /// <summary>The feature map of the image stretched to 224 × 224, channel-major (512 × 49).</summary>
    public float[] FeatureMap(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return OnnxSessionFactory.RunFirstOutput(_session, InputName, FeatureMapName, Preprocess(image), [1, 3, Side, Side]).Data;
    }

    /// <summary>The network's input tensor (1 × 3 × 224 × 224) for the image.</summary>
    internal float[] Preprocess(RgbImage image)
    {
        var mean = _meanBgr;
        using var rgb = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC3, image.Pixels, image.Stride);
        using var small = new Mat();
        Cv2.Resize(rgb, small, new Size(Side, Side), interpolation: InterpolationFlags.Area);
        small.GetArray(out Vec3b[] pixels);
        var input = new float[3 * Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            // BGR planes, as the package's preprocessing orders them.
            input[i] = pixels[i].Item2 - mean[i];
            input[Side * Side + i] = pixels[i].Item1 - mean[Side * Side + i];
            input[2 * Side * Side + i] = pixels[i].Item0 - mean[2 * Side * Side + i];
        }
        return input;
    }

    public void Dispose() => _session.Dispose();
}
