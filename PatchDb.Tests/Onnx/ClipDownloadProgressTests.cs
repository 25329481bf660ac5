using System.Text.RegularExpressions;
using PatchDb.Embedder.Models.Clip;

namespace PatchDb.Tests.Onnx;

public sealed partial class ClipDownloadProgressTests
{
    [Fact]
    public async Task A_large_file_logs_its_progress_in_steps_of_ten_percent_not_per_chunk()
    {
        using var source = new TempFolder();
        Directory.CreateDirectory(source.Combine("visual"));
        var bytes = new byte[24 << 20];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(source.Combine("visual", "model.onnx"), bytes, TestContext.Current.CancellationToken);
        await using var server = await ModelFileServer.StartAsync(source.Path, "test/big", "main");
        using var target = new TempFolder();
        var options = new ClipModelOptions { Endpoint = server.BaseAddress, Repository = "test/big" };
        var logger = new ListLogger();
        using var downloader = new ClipModelDownloader(options, logger);

        var got = await downloader.DownloadAsync("main", "visual/model.onnx", target.Combine("model.onnx"), null, TestContext.Current.CancellationToken);

        var percents = logger.Lines.Select(l => Percent().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(bytes.Length, got.Size);
        Assert.Equal(ModelFileServer.Commit, got.Commit);
        Assert.InRange(percents.Count, 5, 11);
        Assert.Equal(100, percents[^1]);
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(percents.Distinct().Count(), percents.Count);
    }

    [GeneratedRegex(@"^Downloading visual/model\.onnx: \d+ of \d+ bytes \((\d+)%\)$")]
    private static partial Regex Percent();
}
