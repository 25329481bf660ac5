using Microsoft.ML.OnnxRuntime.Tensors;
using PatchDb.Embedder.Onnx;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Onnx;

public sealed class OnnxSessionTests
{
    private static readonly OnnxSessionOptions s_options = new() { IntraOpThreads = 2 };

    [Fact]
    public async Task Reads_input_and_output_names_types_and_shapes_from_the_model()
    {
        var folder = await TinyClipModels.FolderAsync();
        using var visual = OnnxSession.Load(Path.Combine(folder, "visual", "model.onnx"), s_options);
        using var textual = OnnxSession.Load(Path.Combine(folder, "textual", "model.onnx"), s_options);

        Assert.Equal(new OnnxTensorInfo("image", TensorElementType.Float, [-1, 3, 224, 224]).ToString(), Assert.Single(visual.Inputs).ToString());
        Assert.Equal(new OnnxTensorInfo("embedding", TensorElementType.Float, [-1, 512]).ToString(), Assert.Single(visual.Outputs).ToString());
        Assert.Equal(new OnnxTensorInfo("text", TensorElementType.Int32, [-1, 77]).ToString(), Assert.Single(textual.Inputs).ToString());
        Assert.StartsWith("1.", OnnxSession.RuntimeVersion);
    }

    [Fact]
    public async Task Runs_a_float_batch_with_a_dynamic_batch_dimension()
    {
        using var visual = OnnxSession.Load(Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx"), s_options);

        var output = visual.Run(new float[3 * 3 * 224 * 224], [3, 3, 224, 224]);

        Assert.Equal([3L, 512L], output.Shape);
        Assert.Equal(3 * 512, output.Data.Length);
        Assert.All(output.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public async Task Wrong_element_type_or_shape_is_rejected_before_reaching_the_runtime()
    {
        using var visual = OnnxSession.Load(Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx"), s_options);

        Assert.Throws<ArgumentException>(() => visual.Run(new int[3 * 224 * 224], [1, 3, 224, 224]));
        Assert.Throws<ArgumentException>(() => visual.Run(new float[3 * 100 * 100], [1, 3, 100, 100]));
        Assert.Throws<ArgumentException>(() => visual.Run(new float[10], [1, 3, 224, 224]));
    }

    [Fact]
    public async Task A_corrupt_model_file_gives_a_clear_error_and_the_runtime_keeps_working()
    {
        using var temp = new TempFolder();
        var garbage = temp.Combine("garbage.onnx");
        await File.WriteAllBytesAsync(garbage, "this is not a protobuf"u8.ToArray(), TestContext.Current.CancellationToken);
        var good = await File.ReadAllBytesAsync(Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx"), TestContext.Current.CancellationToken);
        var truncated = temp.Combine("truncated.onnx");
        await File.WriteAllBytesAsync(truncated, good[..(good.Length / 2)], TestContext.Current.CancellationToken);

        foreach (var path in new[] { garbage, truncated })
        {
            var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(path, s_options));
            Assert.Contains(path, error.Message);
            Assert.Contains("ONNX Runtime error", error.Message);
            Assert.NotEmpty(error.ErrorCode);
            Assert.NotEqual("Unknown", error.ErrorCode);
        }

        using var visual = OnnxSession.Load(Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx"), s_options);
        Assert.Equal(512, visual.Run(new float[3 * 224 * 224], [1, 3, 224, 224]).Data.Length);
    }

    [Fact]
    public void A_missing_model_file_gives_a_clear_error()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "model.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxSession.Load(path, s_options));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task Concurrent_runs_on_one_session_agree_and_a_disposed_session_refuses_to_run()
    {
        var visual = OnnxSession.Load(Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx"), s_options);
        var input = new float[3 * 224 * 224];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (i % 97) / 50f - 1f;
        }

        var expected = visual.Run(input, [1, 3, 224, 224]).Data;
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => visual.Run(input, [1, 3, 224, 224]).Data)));

        Assert.All(results, r => Assert.Equal(expected, r));
        visual.Dispose();
        Assert.Throws<ObjectDisposedException>(() => visual.Run(input, [1, 3, 224, 224]));
    }

    [Fact]
    public async Task Cuda_on_the_cpu_build_is_a_clear_error()
    {
        var path = Path.Combine(await TinyClipModels.FolderAsync(), "visual", "model.onnx");

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Load(path, s_options with { Device = OnnxDevice.Cuda }));

        Assert.Contains(path, error.Message);
        Assert.Contains("CUDA", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
